package dev.ebpm.registry.content;

import dev.ebpm.format.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HexFormat;

/**
 * Transaction-scoped PostgreSQL advisory locks per digest, so that deleting an unreferenced blob and a
 * publish that starts referencing it take turns: publishes share a digest's lock, a deletion takes it
 * alone. Locks are taken in digest order, so two transactions never wait on each other in a circle.
 */
@ApplicationScoped
public class BlobLocks {
    private final EntityManager em;

    BlobLocks(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared(Collection<Digest> digests) {
        lock("pg_advisory_xact_lock_shared", digests);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive(Collection<Digest> digests) {
        lock("pg_advisory_xact_lock", digests);
    }

    private void lock(String function, Collection<Digest> digests) {
        digests.stream().map(BlobLocks::key).distinct().sorted().forEach(key ->
            em.createNativeQuery("SELECT count(*) FROM (SELECT " + function + "(?1)) l").setParameter(1, key)
                .getSingleResult());
    }

    /** The digest's first 64 bits: collisions only make two unrelated blobs take turns. */
    static long key(Digest digest) {
        return HexFormat.fromHexDigitsToLong(digest.hex().substring(0, 16));
    }
}
