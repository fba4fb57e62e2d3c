/**
 * Reading untrusted streams (HTTP bodies, standard input, downloads) with a cap: never more than the cap is
 * read, and copies carry the SHA-256 of what passed through, so a digest can be checked as bytes arrive.
 */
package dev.ebpm.format.io;
