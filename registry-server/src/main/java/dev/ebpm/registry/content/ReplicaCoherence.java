package dev.ebpm.registry.content;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.cluster.ChangeNotices;
import dev.ebpm.registry.cluster.ClusterChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Optional;

/**
 * Keeps this package's in-memory copies (resolved manifests, servable blobs, blob bytes) coherent across
 * replicas: a package change made here is announced in its transaction, and what other replicas announce
 * is forgotten here as it would be after a local commit.
 */
@ApplicationScoped
class ReplicaCoherence {
    private final ChangeNotices notices;
    private final ManifestCache manifests;
    private final BlobService blobs;

    ReplicaCoherence(ChangeNotices notices, ManifestCache manifests, BlobService blobs) {
        this.notices = notices;
        this.manifests = manifests;
        this.blobs = blobs;
    }

    /** In the changing transaction, so the notice goes out exactly when it commits. */
    void announce(@Observes PackageChanged event) {
        notices.packageChanged(event.name());
    }

    void apply(@Observes ClusterChange change) {
        if (change.everythingChanged()) {
            manifests.clear();
            blobs.forgetAll();
            return;
        }
        List<String> d = change.details();
        switch (change.topic()) {
            case ClusterChange.PACKAGE -> d.forEach(manifests::drop);
            case ClusterChange.UNLINKED -> {
                if (!d.isEmpty()) {
                    blobs.forgetLinks(d.get(0), digests(d.subList(1, d.size())));
                }
            }
            case ClusterChange.DELETED -> blobs.forgetBlobs(digests(d));
            default -> {
                // A topic from a newer replica: nothing here caches it.
            }
        }
    }

    private static List<Digest> digests(List<String> texts) {
        return texts.stream().map(ReplicaCoherence::digest).flatMap(Optional::stream).toList();
    }

    private static Optional<Digest> digest(String text) {
        try {
            return Optional.of(Digest.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
