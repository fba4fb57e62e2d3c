package dev.ebpm.format.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.FreeText;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OCI content descriptor: media type, sha256 digest and size, with the optional artifact type,
 * annotations and {@code urls}. Other fields are ignored, as the image spec asks of readers.
 */
public record OciDescriptor(String mediaType, Digest digest, long size, String artifactType,
                            Map<String, String> annotations, List<String> urls) {
    public OciDescriptor {
        annotations = Map.copyOf(annotations);
        urls = List.copyOf(urls);
    }

    public static OciDescriptor of(String mediaType, byte[] content) {
        return new OciDescriptor(mediaType, Digest.sha256(content), content.length, null, Map.of(), List.of());
    }

    public OciDescriptor withAnnotations(Map<String, String> newAnnotations) {
        return new OciDescriptor(mediaType, digest, size, artifactType, newAnnotations, urls);
    }

    static OciDescriptor read(JsonFields f) {
        return new OciDescriptor(f.requiredString("mediaType"), f.requiredDigest("digest"),
            f.requiredInteger("size", 0, Long.MAX_VALUE),
            f.string("artifactType"), annotations(f), f.strings("urls"));
    }

    static Map<String, String> annotations(JsonFields f) {
        JsonFields a = f.object("annotations");
        if (a == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : a.extras(Set.of()).entrySet()) {
            if (FreeText.hasNul(e.getKey())) {
                throw a.invalid("", "an annotation name contains a NUL character (U+0000)");
            }
            out.put(e.getKey(), a.requiredString(e.getKey()));
        }
        return out;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("mediaType", mediaType);
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        o.put("digest", digest.toString());
        o.put("size", size);
        putAnnotations(o, annotations);
        if (!urls.isEmpty()) {
            urls.forEach(o.putArray("urls")::add);
        }
        return o;
    }

    static void putAnnotations(ObjectNode o, Map<String, String> annotations) {
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
    }
}
