package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.CacheImport;
import dev.ebpm.ecli.cache.CachedRef;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.format.json.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code ecli cache ls|clean}: what the package cache holds, and emptying it. */
final class CacheCommand extends BaseCommand {
    CacheCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    String name() {
        return "cache";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().description("List (ls) or empty (clean) the package cache in $XDG_CACHE_HOME/ebpm, or "
            + "import an .ebpm file into it (import FILE), so NAME@VERSION runs offline, on a machine with no "
            + "access to the registry.");
        spec.addOption(flag("--json", "List as JSON."));
        HubOptions.addRegistry(spec);
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("ls|clean|import").type(String.class)
            .description("What to do.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1").arity("0..1").paramLabel("FILE").type(String.class)
            .description("For import: the .ebpm package.").build());
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        PackageCache cache = PackageCache.fromEnvironment();
        String action = parsed.matchedPositionalValue(0, "");
        switch (action) {
            case "clean" -> {
                long freed = cache.clean();
                out.println("removed " + (freed >> 10) + " KiB from " + cache.root());
                return ExitCodes.OK;
            }
            case "import" -> {
                String file = parsed.matchedPositionalValue(1, null);
                if (file == null) {
                    throw EcliException.usage("cache import needs the .ebpm file to import");
                }
                URI registry = HubOptions.resolver(parsed, err).registryOf(null);
                CachedRef ref = CacheImport.importFile(cache, registry, Path.of(file));
                out.println("imported " + ref.name() + "@" + ref.reference() + " (" + ref.manifest() + ") into the "
                    + "cache, as if pulled from " + registry);
                return ExitCodes.OK;
            }
            case "ls" -> {
                List<CachedRef> refs = cache.refs();
                if (parsed.hasMatchedOption("--json")) {
                    ArrayNode list = Json.array();
                    for (CachedRef r : refs) {
                        ObjectNode o = list.addObject();
                        o.put("registry", r.registry());
                        o.put("name", r.name());
                        o.put("reference", r.reference());
                        o.put("manifest", r.manifest().toString());
                        o.put("resolvedAt", r.resolvedAt().toString());
                    }
                    out.println(Json.canonicalString(list));
                    return ExitCodes.OK;
                }
                if (refs.isEmpty()) {
                    out.println("the cache at " + cache.root() + " is empty");
                    return ExitCodes.OK;
                }
                out.printf("%-28s %-28s %-14s %-12s %s%n", "REGISTRY", "NAME", "REFERENCE", "RESOLVED", "MANIFEST");
                for (CachedRef r : refs) {
                    out.printf("%-28s %-28s %-14s %-12s %s%n", r.registry(), r.name(), r.reference(),
                        age(r.resolvedAt()) + " ago", r.manifest());
                }
                return ExitCodes.OK;
            }
            default -> {
                err.println("ecli: cache: expected ls, clean or import, got \"" + action + "\"");
                return ExitCodes.USAGE;
            }
        }
    }

    private static String age(Instant t) {
        long s = Duration.between(t, Instant.now()).toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " d";
    }
}
