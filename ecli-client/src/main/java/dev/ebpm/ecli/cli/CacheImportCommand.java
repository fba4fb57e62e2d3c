package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.CacheImport;
import dev.ebpm.ecli.cache.CachedRef;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.ecli.resolve.PackageResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/** {@code ecli cache import FILE}: an .ebpm file into the cache, as if pulled from the registry. */
final class CacheImportCommand extends BaseCommand<CommandSettings> {
    CacheImportCommand(PrintStream out, PrintStream err) {
        super("import", COMMON.plus(REGISTRY), CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Put an .ebpm package into the cache as if it had been pulled from the "
            + "registry, so NAME@VERSION runs offline on a machine that cannot reach it.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("FILE").type(String.class)
            .description("The .ebpm package.").build());
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        URI registry = PackageResolver.fromEnvironment(s.hub.build(), err).registryOf(null);
        CachedRef ref = CacheImport.importFile(PackageCache.fromEnvironment(), registry,
            Path.of(parsed.<String>matchedPositionalValue(0, null)));
        out.println("imported " + ref.name() + "@" + ref.reference() + " (" + ref.manifest() + ") into the cache, as "
            + "if pulled from " + registry);
        return ExitCodes.OK;
    }
}
