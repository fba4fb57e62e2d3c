package dev.ebpm.format.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An artifact made to attach to a package manifest (a signature, a provenance bundle): its manifest, as
 * model and bytes, and the blobs it names, to push before it.
 */
public record Attachment(OciManifest model, byte[] manifest, List<Blob> blobs) {
    public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    public record Blob(OciDescriptor descriptor, byte[] content) {
    }

    public Attachment {
        blobs = List.copyOf(blobs);
    }

    public Digest digest() {
        return Digest.sha256(manifest);
    }

    /** The OCI 1.1 form: an artifact with an empty config, {@code layers}, and {@code subject}. */
    static Attachment referrer(String artifactType, OciDescriptor subject, List<Blob> layers,
                               Map<String, String> annotations) {
        Blob config = new Blob(OciDescriptor.of(EMPTY_MEDIA_TYPE, EMPTY_JSON), EMPTY_JSON);
        OciManifest m = new OciManifest(OciManifest.MEDIA_TYPE, artifactType, config.descriptor(),
            layers.stream().map(Blob::descriptor).toList(), subject, annotations);
        return new Attachment(m, m.toBytes(), concat(config, layers));
    }

    static List<Blob> concat(Blob first, List<Blob> rest) {
        java.util.ArrayList<Blob> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
