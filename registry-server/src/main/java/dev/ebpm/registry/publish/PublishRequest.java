package dev.ebpm.registry.publish;

import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.registry.auth.Caller;

import java.util.List;
import java.util.UUID;

/**
 * A version to publish: the package as opened from its blobs, the artifact's three byte strings (the
 * manifest exactly as pushed), tags to point at it, who asks and, for compiled sources, the build.
 * {@code idempotent} lets an OCI client re-push the identical manifest without an error.
 */
public record PublishRequest(String name, String version, EbpmPackage pkg, OciManifest parsedManifest,
                             byte[] manifest, byte[] config, byte[] layer, List<String> tags, Caller caller,
                             UUID buildId, boolean idempotent) {
    public PublishRequest {
        tags = List.copyOf(tags);
    }
}
