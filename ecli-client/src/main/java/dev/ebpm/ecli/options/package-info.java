/**
 * ecli's own options, each declared once in the group it belongs to ({@link dev.ebpm.ecli.options.CommonOptions},
 * {@link dev.ebpm.ecli.options.OutputOptions}, {@link dev.ebpm.ecli.options.RunOptions},
 * {@link dev.ebpm.ecli.options.HubOptions}). A group's table registers the picocli spec, parses the same
 * options where they follow a package ({@link dev.ebpm.ecli.options.RunCommandLine}) and renders their help;
 * its setters check each value, so a value is checked the same way wherever it was given.
 */
package dev.ebpm.ecli.options;
