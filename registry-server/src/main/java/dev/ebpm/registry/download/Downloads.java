package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What counts as a download: fetching a version's layer (the BPF object) over OCI, its package file or its
 * {@code package.json}. Which version a layer belongs to never changes, so the lookup is remembered.
 */
@ApplicationScoped
public class Downloads {
    private final DownloadCounter counter;
    private final EntityManager em;
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
            id = lookup(repository, digest);
            if (id == null) {
                return;
            }
            versionOfLayer.put(key, id);
        }
        counter.count(id);
    }

    /**
     * Counts a fetched blob when its version is already known here; false when that needs the database
     * (the caller then takes the blocking path, which calls {@link #blob}).
     */
    public boolean blobIfKnown(String repository, Digest digest) {
        Long id = versionOfLayer.get(repository + "@" + digest);
        if (id != null) {
            counter.count(id);
            return true;
        }
        return false;
    }

    @Transactional
    Long lookup(String repository, Digest digest) {
        List<?> ids = em.createNativeQuery("SELECT v.id FROM package_version v JOIN package p ON p.id = v.package_id "
                + "WHERE p.name = ?1 AND v.layer_digest = ?2 ORDER BY v.id DESC LIMIT 1")
            .setParameter(1, repository).setParameter(2, digest.toString()).getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }
}
