package dev.ebpm.ecli.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/**
 * What every ecli subcommand shares: it describes its options as a picocli {@link CommandSpec}, runs from
 * the parse result and returns its exit code, prints results to {@code out} and messages to {@code err},
 * and takes {@code -h/--help} and {@code -v/--verbose}.
 *
 * <p>The specs are built in code, not from annotations: reading picocli's annotations makes the JVM
 * generate a proxy class per annotation type, which was a fifth of ecli's start-up (measured with
 * bench/ecli/run.py).
 */
abstract class BaseCommand {
    final PrintStream out;
    final PrintStream err;

    BaseCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    abstract String name();

    /** The command's options and parameters, without the shared ones. */
    abstract CommandSpec describe();

    abstract int run(ParseResult parsed) throws Exception;

    final CommandSpec spec() {
        CommandSpec spec = describe().name(name());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.")
            .build());
        spec.addOption(OptionSpec.builder("-v", "--verbose").description("Show more: libbpf's messages, and stack "
            + "traces on errors.").build());
        return spec;
    }

    static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).description(description).build();
    }

    static OptionSpec option(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description).build();
    }
}
