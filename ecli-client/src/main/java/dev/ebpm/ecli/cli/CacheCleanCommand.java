package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.PackageCache;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/** {@code ecli cache clean}: empty the cache. */
final class CacheCleanCommand extends BaseCommand<CommandSettings> {
    CacheCleanCommand(PrintStream out, PrintStream err) {
        super("clean", COMMON, CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Remove every cached package and reference.");
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        PackageCache cache = PackageCache.fromEnvironment();
        long freed = cache.clean();
        out.println("removed " + (freed >> 10) + " KiB from " + cache.root());
        return ExitCodes.OK;
    }
}
