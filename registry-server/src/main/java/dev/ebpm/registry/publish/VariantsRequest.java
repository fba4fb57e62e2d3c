package dev.ebpm.registry.publish;

import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.format.reference.SemVer;

import java.util.List;

/**
 * A version built for several architectures, pushed over OCI: the image index (model and the bytes its digest
 * is of) and, in its order, each architecture's package as a pushed {@link PublishRequest}.
 */
public record VariantsRequest(PackageName name, SemVer version, OciIndex index, byte[] indexBytes,
                              List<PublishRequest> variants, Caller caller) {
    public VariantsRequest {
        variants = List.copyOf(variants);
    }
}
