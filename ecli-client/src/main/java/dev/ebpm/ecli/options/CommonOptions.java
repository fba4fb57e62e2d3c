package dev.ebpm.ecli.options;

import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;

/** What every ecli command takes: help, and more detail (libbpf's messages, stack traces). */
public final class CommonOptions {
    public static final String HELP = "--help";

    public static final OptionTable<CommonOptions> TABLE = OptionTable.of(
        Option.flag("-h, " + HELP, "Show this help and exit.", o -> o.help = true),
        Option.flag("-v, --verbose", "Show more: libbpf's messages, and stack traces on errors.", o -> o.verbose = true));

    /** The help option's spellings, for commands (the root) that take it alone. */
    public static String[] helpNames() {
        return TABLE.find(HELP).orElseThrow().names().toArray(String[]::new);
    }

    private boolean help;
    private boolean verbose;

    public boolean help() {
        return help;
    }

    public boolean verbose() {
        return verbose;
    }
}
