package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.content.BlobService;
import jakarta.enterprise.context.ApplicationScoped;

/** Cross-repository mounts: a blob the registry has becomes servable from one more repository. */
@ApplicationScoped
public class MountService {
    private final BlobService blobs;

    MountService(BlobService blobs) {
        this.blobs = blobs;
    }

    /**
     * Links the blob into {@code repository} when {@code from} serves it (or, without {@code from}, when the
     * registry has it at all); false otherwise, and the client then uploads it as usual.
     */
    public boolean mount(PackageName repository, Digest digest, String from) {
        boolean there = from == null ? blobs.find(digest).isPresent()
            : PackageName.isValid(from) && blobs.find(from, digest).isPresent();
        if (there) {
            blobs.link(repository.value(), digest);
        }
        return there;
    }
}
