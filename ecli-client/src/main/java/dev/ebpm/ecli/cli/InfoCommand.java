package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.reference.PackageReference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code ecli info REF}: a package's versions, tags and digests, and what one version does and takes. */
final class InfoCommand extends BaseCommand<CommandSettings> {
    InfoCommand(PrintStream out, PrintStream err) {
        super("info", COMMON.plus(OUTPUT).plus(REGISTRY), CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Show a package from a registry: versions, tags, digests, and for the version "
            + "REF names (latest by default) its flags, programs and printed fields.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("REF").type(String.class)
            .description("NAME[:TAG|@VERSION], optionally HOST[:PORT]/ in front.").build());
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        PackageReference ref = PackageResolver.registryReference(parsed.matchedPositionalValue(0, null));
        PackageResolver resolver = PackageResolver.fromEnvironment(s.hub.build(), err);
        RegistryClient client = resolver.client(resolver.registryOf(ref));
        JsonNode pkg = client.getJson("/api/v1/packages/" + ref.name());
        JsonNode version = client.getJson("/api/v1/packages/" + ref.name() + "/-/versions/" + ref.reference());
        if (s.output.json()) {
            ObjectNode both = Json.object();
            both.set("package", pkg);
            both.set("version", version);
            out.println(Json.canonicalString(both));
            return ExitCodes.OK;
        }
        out.println(pkg.path("name").asText() + "  " + pkg.path("description").asText(""));
        StringBuilder tags = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = pkg.path("tags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            tags.append(' ').append(t.getKey()).append('=').append(t.getValue().asText());
        }
        out.println("registry: " + client.base() + "   downloads: " + pkg.path("downloads").asLong() + "   tags:" + tags);
        out.println("versions:");
        for (JsonNode v : pkg.path("versions")) {
            List<String> arches = new ArrayList<>();
            v.path("arches").forEach(a -> arches.add(a.asText()));
            out.printf("  %-14s %s  %7d B  %s%s%s%n", v.path("version").asText(),
                v.path("publishedAt").asText("").replaceFirst("T.*", ""), v.path("size").asLong(),
                v.path("digest").asText(""), arches.isEmpty() ? "" : "  (" + String.join(", ", arches) + ")",
                v.path("removed").asBoolean() ? "  (removed by the registry)"
                    : v.path("yanked").asBoolean() ? "  (yanked)" : "");
        }
        JsonNode d = version.path("details");
        out.println();
        out.println("version " + version.path("version").asText() + " (" + version.path("digests").path("manifest")
            .asText() + "), license " + version.path("license").asText("unknown") + ", output: "
            + d.path("output").asText() + builtFor(version));
        boolean module = "wasm".equals(version.path("kind").asText());
        if (module) {
            JsonNode m = d.path("module");
            out.println("a wasm-bpf module (" + m.path("size").asLong() + " bytes); it reads its own arguments: "
                + "sudo ecli run " + ref.display() + " -- --help");
        }
        out.println(module ? "programs of its embedded object:" : "programs:");
        for (JsonNode p : d.path("programs")) {
            out.println("  " + p.path("name").asText() + "  " + p.path("section").asText());
        }
        if (!module) {
            out.println("flags:");
        }
        for (JsonNode f : d.path("flags")) {
            String flag = f.path("flag").asText() + (f.hasNonNull("shortFlag") ? ", " + f.path("shortFlag").asText() : "");
            out.printf("  %-26s %-16s default %-8s %s%n", flag, f.path("type").asText(),
                f.path("defaultValue").asText("-"), f.path("description").asText(""));
        }
        for (JsonNode e : d.path("events")) {
            StringBuilder fields = new StringBuilder();
            for (JsonNode field : e.path("fields")) {
                fields.append(fields.length() == 0 ? "" : ", ").append(field.path("type").asText()).append(' ')
                    .append(field.path("name").asText());
            }
            out.println("prints struct " + e.path("name").asText() + ": " + fields);
        }
        out.println("run it: sudo ecli run " + ref.display());
        return ExitCodes.OK;
    }

    /** The architectures a version is built for, when it is not one build for any. */
    private static String builtFor(JsonNode version) {
        List<String> arches = new ArrayList<>();
        version.path("variants").forEach(v -> arches.add(v.path("arch").asText()));
        JsonNode requires = version.path("details").path("requires");
        if (arches.isEmpty() && requires.hasNonNull("arch")) {
            arches.add(requires.path("arch").asText());
        }
        return arches.isEmpty() ? "" : ", built for " + String.join(", ", arches);
    }
}
