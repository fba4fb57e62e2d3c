/** The flags a package's program takes: generation, parsing and help. */
package dev.ebpm.ecli.flags;
