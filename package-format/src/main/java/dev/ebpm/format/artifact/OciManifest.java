package dev.ebpm.format.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest (schema 2), the form every ebpm package version and every artifact attached to one
 * (signature, SBOM, build log) takes. Registries keep the bytes a client sent; this model is for reading them.
 */
public record OciManifest(String mediaType, String artifactType, OciDescriptor config, List<OciDescriptor> layers,
                          OciDescriptor subject, Map<String, String> annotations) {
    public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

    public OciManifest {
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    /** Parses manifest bytes; anything but an image manifest with a config is refused, naming the field. */
    public static OciManifest parse(byte[] bytes) {
        JsonNode root = Json.parse(bytes);
        JsonFields f = JsonFields.of(root, "manifest");
        long schema = f.requiredInteger("schemaVersion", 0, Integer.MAX_VALUE);
        if (schema != 2) {
            throw f.invalid("schemaVersion", "must be 2, found " + schema);
        }
        String mediaType = f.string("mediaType");
        if (mediaType != null && !mediaType.equals(MEDIA_TYPE)) {
            throw f.invalid("mediaType", "only image manifests (" + MEDIA_TYPE + ") are stored here, found "
                + mediaType);
        }
        if (!f.has("config")) {
            throw f.missing("config", "a descriptor (an image index is not an image manifest)");
        }
        JsonFields subject = f.object("subject");
        return new OciManifest(MEDIA_TYPE, f.string("artifactType"), OciDescriptor.read(f.requiredObject("config")),
            f.objects("layers", OciDescriptor::read), subject == null ? null : OciDescriptor.read(subject),
            OciDescriptor.annotations(f));
    }

    /** What the referrers API reports: {@code artifactType}, else the config's media type. */
    public String effectiveArtifactType() {
        return artifactType != null ? artifactType : config.mediaType();
    }

    /** Canonical bytes: what ebpm writes for the manifests it creates. */
    public byte[] toBytes() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType);
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        o.set("config", config.toJson());
        ArrayNode l = o.putArray("layers");
        layers.forEach(d -> l.add(d.toJson()));
        if (subject != null) {
            o.set("subject", subject.toJson());
        }
        OciDescriptor.putAnnotations(o, annotations);
        return Json.canonical(o);
    }
}
