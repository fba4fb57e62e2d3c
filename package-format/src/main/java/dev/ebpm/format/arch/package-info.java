/** Machine architectures as ebpm names them (uname's, with BTFHub's arm64), and their other spellings. */
package dev.ebpm.format.arch;
