/**
 * The command-line flags a package's program takes, derived from its meta and BTF alone, so the CLI's
 * {@code --help}, the registry's version metadata and the catalog's flags table say the same thing.
 */
package dev.ebpm.format.flags;
