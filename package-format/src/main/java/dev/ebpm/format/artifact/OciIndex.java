package dev.ebpm.format.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An OCI image index whose entries are one package version's arch variants: each an image manifest with a
 * {@code platform} of os {@code linux} and an architecture ebpm knows (named in the index as OCI names it,
 * {@code amd64}, and here as ebpm does, {@code x86_64}). Bounded and strict, since clients read it before
 * they trust anything: at most {@link #MAX_VARIANTS} entries, no architecture twice.
 */
public record OciIndex(String artifactType, List<Variant> variants, Map<String, String> annotations) {
    public static final String MEDIA_TYPE = OciManifest.INDEX_MEDIA_TYPE;
    public static final int MAX_VARIANTS = 8;

    /** One entry: the manifest of the build for {@code arch} (an ebpm architecture name). */
    public record Variant(OciDescriptor manifest, String arch) {
    }

    public OciIndex {
        variants = List.copyOf(variants);
        annotations = Map.copyOf(annotations);
    }

    /** Whether the bytes claim to be an image index (its media type says so): read them with {@link #parse}. */
    public static boolean isIndex(byte[] bytes) {
        try {
            JsonNode root = Json.parse(bytes);
            return root.isObject() && MEDIA_TYPE.equals(root.path("mediaType").asText(null));
        } catch (PackageFormatException e) {
            return false;
        }
    }

    public static OciIndex parse(byte[] bytes) {
        JsonFields f = JsonFields.of(Json.parse(bytes), "index");
        long schema = f.requiredInteger("schemaVersion", 0, Integer.MAX_VALUE);
        if (schema != 2) {
            throw f.invalid("schemaVersion", "must be 2, found " + schema);
        }
        String mediaType = f.requiredString("mediaType");
        if (!mediaType.equals(MEDIA_TYPE)) {
            throw f.invalid("mediaType", "expected " + MEDIA_TYPE + ", found " + mediaType);
        }
        JsonNode entries = f.raw("manifests");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw f.missing("manifests", "a non-empty array of manifest descriptors, one per architecture");
        }
        if (entries.size() > MAX_VARIANTS) {
            throw f.invalid("manifests", entries.size() + " entries, more than the " + MAX_VARIANTS + " architectures "
                + "a version may have");
        }
        List<Variant> variants = f.objects("manifests", OciIndex::variant);
        Set<String> seen = new HashSet<>();
        for (Variant v : variants) {
            if (!seen.add(v.arch())) {
                throw f.invalid("manifests", "architecture " + v.arch() + " is listed twice");
            }
        }
        return new OciIndex(f.string("artifactType"), variants, OciDescriptor.annotations(f));
    }

    private static Variant variant(JsonFields e) {
        OciDescriptor d = OciDescriptor.read(e);
        if (!d.mediaType().equals(OciManifest.MEDIA_TYPE)) {
            throw e.invalid("mediaType", "an entry is an image manifest (" + OciManifest.MEDIA_TYPE + "), found "
                + d.mediaType());
        }
        JsonFields platform = e.requiredObject("platform");
        String os = platform.requiredString("os");
        if (!os.equals("linux")) {
            throw platform.invalid("os", "eBPF programs run on linux, found \"" + os + "\"");
        }
        String given = platform.requiredString("architecture");
        String arch = Architectures.of(given);
        if (!Architectures.isKnown(arch)) {
            throw platform.invalid("architecture", "\"" + given + "\" is none of " + Architectures.KNOWN);
        }
        return new Variant(d, arch);
    }

    /** The index of a version's variants, listed in the order given. */
    public static OciIndex of(List<Variant> variants, Map<String, String> annotations) {
        return new OciIndex(PackageArtifact.ARTIFACT_TYPE, variants, annotations);
    }

    public List<String> arches() {
        return variants.stream().map(Variant::arch).toList();
    }

    public Optional<Variant> variant(String arch) {
        return variants.stream().filter(v -> v.arch().equals(arch)).findFirst();
    }

    /** Canonical bytes, as ebpm writes the indexes it creates. */
    public byte[] toBytes() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", MEDIA_TYPE);
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        ArrayNode m = o.putArray("manifests");
        for (Variant v : variants) {
            ObjectNode d = v.manifest().toJson();
            ObjectNode p = d.putObject("platform");
            p.put("architecture", Architectures.ociName(v.arch()));
            p.put("os", "linux");
            m.add(d);
        }
        OciDescriptor.putAnnotations(o, annotations);
        return Json.canonical(o);
    }
}
