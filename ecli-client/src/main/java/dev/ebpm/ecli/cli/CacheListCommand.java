package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.CachedRef;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.format.json.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code ecli cache ls}: every cached reference, the manifest it resolved to, and when. */
final class CacheListCommand extends BaseCommand<CommandSettings> {
    CacheListCommand(PrintStream out, PrintStream err) {
        super("ls", COMMON.plus(OUTPUT), CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("List the cached references: registry, name, tag or version, when it was "
            + "resolved, and the manifest digest.");
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        PackageCache cache = PackageCache.fromEnvironment();
        List<CachedRef> refs = cache.refs();
        if (s.output.json()) {
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

    private static String age(Instant t) {
        long s = Duration.between(t, Instant.now()).toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " d";
    }
}
