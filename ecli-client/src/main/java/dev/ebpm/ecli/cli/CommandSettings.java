package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.options.CommonOptions;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.options.OutputOptions;
import dev.ebpm.ecli.options.TrustOptions;

/**
 * What a command's option table fills: the option groups commands share (each filled only when the
 * command's table has that group); a command with options of its own extends this.
 */
class CommandSettings {
    final CommonOptions common = new CommonOptions();
    final OutputOptions output = new OutputOptions();
    final HubOptions.Builder hub = new HubOptions.Builder();
    final TrustOptions.Builder trust = new TrustOptions.Builder();
}
