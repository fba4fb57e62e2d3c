/** The ecc command line. */
package dev.ebpm.compiler.cli;
