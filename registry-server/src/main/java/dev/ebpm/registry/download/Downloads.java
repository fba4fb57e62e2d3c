package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.cluster.ClusterChange;
import dev.ebpm.registry.content.PackageChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What counts as a download: fetching a version's layer (the BPF object) over OCI, its package file or its
 * {@code package.json}. Which version a blob is the layer of is remembered until the package changes.
 */
@ApplicationScoped
public class Downloads {
    private static final Long NOT_A_LAYER = -1L;

    private final DownloadCounter counter;
    private final EntityManager em;
    /** Version id by "repository@digest"; {@link #NOT_A_LAYER} for blobs that are no version's layer (configs). */
    private final Map<String, Long> versionOfLayer = new ConcurrentHashMap<>();

    Downloads(DownloadCounter counter, EntityManager em) {
        this.counter = counter;
        this.em = em;
    }

    public void version(long versionId) {
        counter.count(versionId);
    }

    /** A blob fetched from a repository: counted when it is the layer of one of the repository's versions. */
    public void blob(String repository, Digest digest) {
        String key = repository + "@" + digest;
        Long id = versionOfLayer.get(key);
        if (id == null) {
            Long found = lookup(repository, digest);
            id = found == null ? NOT_A_LAYER : found;
            versionOfLayer.put(key, id);
        }
        if (!NOT_A_LAYER.equals(id)) {
            counter.count(id);
        }
    }

    /**
     * Counts a fetched blob when its version is already known here; false when that needs the database
     * (the caller then takes the blocking path, which calls {@link #blob}).
     */
    public boolean blobIfKnown(String repository, Digest digest) {
        Long id = versionOfLayer.get(repository + "@" + digest);
        if (id == null) {
            return false;
        }
        if (!NOT_A_LAYER.equals(id)) {
            counter.count(id);
        }
        return true;
    }

    /** A publish may make a blob pushed earlier the layer of a new version: look the package's blobs up again. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PackageChanged event) {
        forget(event.name());
    }

    /** The same for a package another replica changed (or, when it may have missed some, every package). */
    void changedElsewhere(@Observes ClusterChange change) {
        if (change.everythingChanged()) {
            versionOfLayer.clear();
        } else if (change.topic().equals(ClusterChange.PACKAGE)) {
            change.details().forEach(this::forget);
        }
    }

    private void forget(String name) {
        String prefix = name + "@";
        versionOfLayer.keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Transactional
    Long lookup(String repository, Digest digest) {
        List<?> ids = em.createNativeQuery("SELECT v.id FROM package_version v JOIN package p ON p.id = v.package_id "
                + "WHERE p.name = ?1 AND v.layer_digest = ?2 ORDER BY v.id DESC LIMIT 1")
            .setParameter(1, repository).setParameter(2, digest.toString()).getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }
}
