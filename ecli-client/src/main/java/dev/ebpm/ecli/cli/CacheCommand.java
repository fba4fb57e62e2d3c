package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.List;

/** {@code ecli cache ls|clean|import}: the package cache in $XDG_CACHE_HOME/ebpm. */
final class CacheCommand extends BaseCommand<CommandSettings> {
    CacheCommand(PrintStream out, PrintStream err) {
        super("cache", COMMON, CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("What the package cache in $XDG_CACHE_HOME/ebpm holds: list it, empty it, or "
            + "import an .ebpm file so NAME@VERSION runs offline, on a machine with no access to the registry.");
    }

    @Override
    List<BaseCommand<?>> subcommands() {
        return List.of(new CacheListCommand(out, err), new CacheCleanCommand(out, err), new CacheImportCommand(out, err));
    }

    /** Only reached without a subcommand. */
    @Override
    int run(CommandSettings s, ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(err);
        return ExitCodes.USAGE;
    }
}
