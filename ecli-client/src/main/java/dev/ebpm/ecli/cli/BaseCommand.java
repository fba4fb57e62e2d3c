package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.options.CommonOptions;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.options.OutputOptions;
import dev.ebpm.ecli.options.TrustOptions;
import dev.ebpm.format.options.OptionTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every ecli subcommand shares: a settings object {@code S} that its option table fills (the table
 * starts with {@link CommonOptions}: help and verbosity), a picocli spec built from that table plus the
 * command's description and parameters, and a run that returns the exit code. Results go to {@code out},
 * messages to {@code err}.
 *
 * <p>The specs are built in code, not from annotations: reading picocli's annotations makes the JVM
 * generate a proxy class per annotation type, which was a fifth of ecli's start-up (measured with
 * bench/ecli/run.py).
 */
abstract class BaseCommand<S extends CommandSettings> {
    /** The option groups commands share, to compose a command's table from. */
    static final OptionTable<CommandSettings> COMMON = CommonOptions.TABLE.on(s -> s.common);
    static final OptionTable<CommandSettings> OUTPUT = OutputOptions.TABLE.on(s -> s.output);
    static final OptionTable<CommandSettings> REGISTRY = HubOptions.REGISTRY.on(s -> s.hub);
    static final OptionTable<CommandSettings> PULL = HubOptions.PULL.on(s -> s.hub);
    static final OptionTable<CommandSettings> TRUST = TrustOptions.TABLE.on(s -> s.trust);

    final PrintStream out;
    final PrintStream err;
    private final String name;
    private final OptionTable<S> options;
    private final Supplier<S> settings;
    private boolean verbose;

    /** {@code options}: every option the command takes, common ones included; {@code settings} makes what they fill. */
    BaseCommand(String name, OptionTable<S> options, Supplier<S> settings, PrintStream out, PrintStream err) {
        this.name = name;
        this.options = options;
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    final String name() {
        return name;
    }

    final OptionTable<S> options() {
        return options;
    }

    /** The command's description and parameters (options come from {@link #options}). */
    abstract void describe(CommandSpec spec);

    abstract int run(S settings, ParseResult parsed) throws Exception;

    /** Commands under this one ({@code cache ls}); a command with some runs only through them. */
    List<BaseCommand<?>> subcommands() {
        return List.of();
    }

    /** Whether the last run asked for stack traces: known once its options were applied. */
    final boolean verbose() {
        return verbose;
    }

    final CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(name());
        spec.usageMessage().sortOptions(false);
        describe(spec);
        PicocliOptions.register(spec, options());
        spec.parser().overwrittenOptionsAllowed(true);
        return spec;
    }

    final int execute(ParseResult parsed) throws Exception {
        S given = settings.get();
        PicocliOptions.apply(parsed, options, given);
        verbose = given.common.verbose();
        return run(given, parsed);
    }

    /** Marks verbosity given where picocli does not see it (after a run's package). */
    final void verbose(boolean v) {
        verbose |= v;
    }

    /** Shared groups as part of the table of a command whose settings extend {@link CommandSettings}. */
    static <S extends CommandSettings> OptionTable<S> shared(OptionTable<CommandSettings> groups) {
        return groups.on(s -> s);
    }
}
