package dev.ebpm.format.provenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * "This manifest was compiled by this hub from these sources": an in-toto statement v1 whose subject is the
 * package manifest digest, with a SLSA provenance v1 predicate. The sources are the one resolved
 * dependency (the archive's digest, served by the build page); the environment is the build's internal
 * parameters; the builder is the hub.
 */
public record BuildProvenance(String subjectName, Digest manifestDigest, String packageName, String version,
                              String buildId, Digest sourceDigest, String builderId, BuildEnvironment environment,
                              Instant startedOn, Instant finishedOn, Digest objectDigest) {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    public static final String BUILD_TYPE = "https://ebpm.dev/build/ecc/v1";
    public static final String SOURCES_MEDIA_TYPE = "application/vnd.ebpm.sources.v1.tar+gzip";

    public byte[] toBytes() {
        ObjectNode root = Json.object();
        root.put("_type", STATEMENT_TYPE);
        ObjectNode subject = root.putArray("subject").addObject();
        subject.put("name", subjectName);
        subject.putObject("digest").put("sha256", manifestDigest.hex());
        root.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = root.putObject("predicate");
        ObjectNode def = predicate.putObject("buildDefinition");
        def.put("buildType", BUILD_TYPE);
        ObjectNode external = def.putObject("externalParameters");
        external.put("package", packageName);
        external.put("version", version);
        def.set("internalParameters", environment.toJson());
        ObjectNode source = def.putArray("resolvedDependencies").addObject();
        source.put("uri", "ebpm-build:" + buildId + "/sources");
        source.put("mediaType", SOURCES_MEDIA_TYPE);
        source.putObject("digest").put("sha256", sourceDigest.hex());
        ObjectNode run = predicate.putObject("runDetails");
        run.putObject("builder").put("id", builderId);
        ObjectNode meta = run.putObject("metadata");
        meta.put("invocationId", buildId);
        if (startedOn != null) {
            meta.put("startedOn", startedOn.toString());
        }
        if (finishedOn != null) {
            meta.put("finishedOn", finishedOn.toString());
        }
        ObjectNode object = run.putArray("byproducts").addObject();
        object.put("name", "object.bpf.o");
        object.putObject("digest").put("sha256", objectDigest.hex());
        return Json.canonical(root);
    }

    /** Reads a statement this hub (or another ebpm hub) wrote; anything else is refused, naming the field. */
    public static BuildProvenance parse(byte[] bytes) {
        JsonFields root = JsonFields.of(Json.parse(bytes), "statement");
        expect(root, "_type", STATEMENT_TYPE);
        expect(root, "predicateType", PREDICATE_TYPE);
        List<JsonFields> subjects = root.objects("subject", f -> f);
        if (subjects.size() != 1) {
            throw root.invalid("subject", "expected one subject (the package manifest), found " + subjects.size());
        }
        JsonFields subject = subjects.get(0);
        JsonFields predicate = root.requiredObject("predicate");
        JsonFields def = predicate.requiredObject("buildDefinition");
        expect(def, "buildType", BUILD_TYPE);
        JsonFields external = def.requiredObject("externalParameters");
        List<JsonFields> deps = def.objects("resolvedDependencies", f -> f);
        if (deps.size() != 1) {
            throw def.invalid("resolvedDependencies", "expected the one source archive, found " + deps.size());
        }
        JsonFields run = predicate.requiredObject("runDetails");
        JsonFields meta = run.requiredObject("metadata");
        List<JsonFields> byproducts = run.objects("byproducts", f -> f);
        if (byproducts.size() != 1) {
            throw run.invalid("byproducts", "expected the one object, found " + byproducts.size());
        }
        return new BuildProvenance(subject.requiredString("name"), sha256(subject), external.requiredString("package"),
            external.requiredString("version"), meta.requiredString("invocationId"), sha256(deps.get(0)),
            run.requiredObject("builder").requiredString("id"),
            BuildEnvironment.read(def.requiredObject("internalParameters")), instant(meta, "startedOn"),
            instant(meta, "finishedOn"), sha256(byproducts.get(0)));
    }

    private static void expect(JsonFields f, String key, String value) {
        String found = f.requiredString(key);
        if (!found.equals(value)) {
            throw f.invalid(key, "expected " + value + ", found " + found);
        }
    }

    private static Digest sha256(JsonFields f) {
        String hex = f.requiredObject("digest").requiredString("sha256");
        try {
            return new Digest(hex);
        } catch (IllegalArgumentException e) {
            throw new PackageFormatException(f.pathOf("digest") + ".sha256: " + e.getMessage());
        }
    }

    private static Instant instant(JsonFields f, String key) {
        String text = f.string(key);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw f.invalid(key, "not an RFC 3339 time: " + text);
        }
    }
}
