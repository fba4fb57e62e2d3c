package dev.ebpm.registry.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ebpm.format.Digest;
import dev.ebpm.registry.cluster.ChangeNotices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blobs as the registry knows them: objects in the object store (stored only once verified), a row per
 * stored blob, and links saying which repository may serve it. A blob row exists only for content already
 * stored, so nothing half-written is ever visible. Which repository may serve which blob is remembered in
 * memory, and forgotten in the same change that unlinks or deletes a blob.
 */
@ApplicationScoped
public class BlobService {
    private static final int MAX_REMEMBERED = 100_000;

    private final BlobBytes bytes;
    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final ChangeNotices notices;
    /** Size by "repository@hex" for blobs the repository may serve. */
    private final Cache<String, Long> servable = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();
    /** Bumped by every forget: a lookup that started under an older value does not remember its answer. */
    private final AtomicLong epoch = new AtomicLong();

    BlobService(BlobBytes bytes, EntityManager em, TransactionSynchronizationRegistry transactions,
                ChangeNotices notices) {
        this.bytes = bytes;
        this.em = em;
        this.transactions = transactions;
        this.notices = notices;
    }

    /**
     * Puts verified content into the object store unless it is there. The object store, not the blob table,
     * says whether it is: a bucket restored from an older backup then heals when the content is pushed again.
     */
    public void putObject(Digest digest, byte[] content) {
        if (!bytes.store().exists(digest)) {
            bytes.put(digest, content);
        }
    }

    public void putObject(SpooledBlob blob) {
        if (!bytes.store().exists(blob.digest())) {
            bytes.store().put(blob.digest(), blob.file());
        }
    }

    /** Stores verified content and makes it servable from {@code repository} (null: from no repository). */
    public void store(SpooledBlob blob, String repository) {
        putObject(blob);
        record(blob.digest(), blob.size(), repository);
    }

    public void store(byte[] content, Digest digest, String repository) {
        putObject(digest, content);
        record(digest, content.length, repository);
    }

    /** The row of a stored blob, and its link to {@code repository} (null: none), in the caller's transaction or its own. */
    @Transactional
    public void record(Digest digest, long size, String repository) {
        em.createNativeQuery("INSERT INTO blob (digest, size) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .setParameter(1, digest.toString()).setParameter(2, size).executeUpdate();
        if (repository != null) {
            link(repository, digest);
        }
    }

    @Transactional
    public void link(String repository, Digest digest) {
        em.createNativeQuery("INSERT INTO repository_blob (repository, digest) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .setParameter(1, repository).setParameter(2, digest.toString()).executeUpdate();
    }

    /** The blob's size if {@code repository} may serve it; remembered until the blob is unlinked or deleted. */
    public Optional<Long> sizeIn(String repository, Digest digest) {
        String key = key(repository, digest);
        Long size = servable.getIfPresent(key);
        if (size != null) {
            return Optional.of(size);
        }
        long started = epoch.get();
        Optional<Long> found = find(repository, digest).map(b -> b.size);
        if (found.isPresent() && epoch.get() == started) {
            servable.put(key, found.get());
        }
        return found;
    }

    /** The size {@link #sizeIn} remembered, or null: never touches the database. */
    public Long rememberedSize(String repository, Digest digest) {
        return servable.getIfPresent(key(repository, digest));
    }

    /** The blob if {@code repository} may serve it. */
    @Transactional
    public Optional<BlobRecord> find(String repository, Digest digest) {
        return em.createQuery("select b from BlobRecord b where b.digest = :d and exists (select 1 from "
                + "RepositoryBlob r where r.repository = :r and r.digest = :d)", BlobRecord.class)
            .setParameter("d", digest.toString()).setParameter("r", repository).getResultList().stream().findFirst();
    }

    /** The blob wherever it is stored (for downloads by digest, which are not tied to a repository). */
    @Transactional
    public Optional<BlobRecord> find(Digest digest) {
        return Optional.ofNullable(em.find(BlobRecord.class, digest.toString()));
    }

    /** Which of {@code digests} have a blob row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> recorded(Collection<Digest> digests) {
        List<?> rows = em.createNativeQuery("SELECT digest FROM blob WHERE digest = ANY(CAST(?1 AS text[]))")
            .setParameter(1, digests.stream().map(Digest::toString).toArray(String[]::new)).getResultList();
        return Set.copyOf(rows.stream().map(Object::toString).toList());
    }

    public byte[] read(Digest digest, long size) {
        return bytes.read(digest, size);
    }

    /** {@code repository} no longer serves these blobs, from when the caller's transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unlink(String repository, Collection<Digest> digests) {
        for (Digest d : digests) {
            em.createNativeQuery("DELETE FROM repository_blob WHERE repository = ?1 AND digest = ?2")
                .setParameter(1, repository).setParameter(2, d.toString()).executeUpdate();
        }
        if (!digests.isEmpty()) {
            notices.unlinked(repository, digests.stream().map(Digest::toString).toList());
        }
        afterCommit(() -> forgetLinks(repository, digests));
    }

    /** Forgets that {@code repository} may serve these blobs (unlinked here, or by another replica). */
    void forgetLinks(String repository, Collection<Digest> digests) {
        epoch.incrementAndGet();
        digests.forEach(d -> servable.invalidate(key(repository, d)));
    }

    /** Forgets these blobs everywhere: where they were servable and their bytes. */
    void forgetBlobs(Collection<Digest> digests) {
        epoch.incrementAndGet();
        Set<String> hexes = Set.copyOf(digests.stream().map(Digest::hex).toList());
        servable.asMap().keySet().removeIf(k -> hexes.contains(k.substring(k.lastIndexOf('@') + 1)));
        bytes.forget(digests);
    }

    /** Forgets every remembered link and copy (this replica may have missed other replicas' changes). */
    void forgetAll() {
        epoch.incrementAndGet();
        servable.invalidateAll();
        bytes.forgetAll();
    }

    /**
     * Deletes blobs from every repository, the blob table and the object store. The caller holds the
     * digests' exclusive {@link BlobLocks} and has checked nothing still needs them; the bytes go before
     * the transaction commits, so no publish that takes the locks afterwards can find them still there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(Collection<Digest> digests) {
        for (Digest d : digests) {
            em.createNativeQuery("DELETE FROM repository_blob WHERE digest = ?1").setParameter(1, d.toString())
                .executeUpdate();
            em.createNativeQuery("DELETE FROM blob WHERE digest = ?1").setParameter(1, d.toString()).executeUpdate();
            bytes.store().delete(d);
        }
        if (!digests.isEmpty()) {
            notices.deleted(digests.stream().map(Digest::toString).toList());
        }
        afterCommit(() -> forgetBlobs(digests));
    }

    private void afterCommit(Runnable forget) {
        epoch.incrementAndGet();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    epoch.incrementAndGet();
                    forget.run();
                }
            }
        });
    }

    private static String key(String repository, Digest digest) {
        return repository + "@" + digest.hex();
    }
}
