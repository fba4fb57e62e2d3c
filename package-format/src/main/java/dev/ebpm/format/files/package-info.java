/** Writing files safely: atomic replacement, private files for secrets, scratch directories. */
package dev.ebpm.format.files;
