package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.BlobSpool;
import dev.ebpm.registry.content.SpooledBlob;
import dev.ebpm.registry.content.UploadConfig;
import dev.ebpm.registry.content.UploadSlots;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.publish.Limits;
import dev.ebpm.registry.storage.ObjectStore;
import dev.ebpm.registry.storage.StorageKey;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: in one request, or as a session of ordered chunks ({@code Content-Range} start equal to the
 * bytes received so far, else 416) closed by a PUT naming the whole blob's digest, which stores it only if
 * it matches. Every body is spooled to a temporary file first, outside any transaction, within a bound on
 * concurrent uploads; only then does a short transaction check the chunk against the session and store
 * it in the bucket. Idle sessions expire.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    /** At most 18 digits: any such number fits a long, so a hostile range cannot overflow. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d{1,18}|\\*))?");

    private final Sessions sessions;
    private final BlobService blobs;
    private final BlobSpool spool;
    private final UploadSlots slots;
    private final Limits limits;

    UploadService(Sessions sessions, BlobService blobs, BlobSpool spool, UploadSlots slots, Limits limits) {
        this.sessions = sessions;
        this.blobs = blobs;
        this.spool = spool;
        this.slots = slots;
        this.limits = limits;
    }

    /** A whole blob in one request ({@code POST ?digest=}). */
    public void upload(PackageName repository, Digest digest, Caller caller, InputStream body) {
        try (SpooledBlob blob = receive(caller, body)) {
            requireDigest(blob, digest);
            blobs.store(blob, repository.value());
        }
    }

    public UUID start(PackageName repository) {
        return sessions.start(repository.value());
    }

    /** Appends a chunk; returns the bytes received so far. */
    public long append(PackageName repository, UUID id, String contentRange, Caller caller, InputStream body) {
        long[] range = range(contentRange);
        if (range != null) {
            // Fail fast on an out-of-order chunk, before its body is read; checked again under the lock.
            sessions.checkStart(repository.value(), id, range[0]);
        }
        try (SpooledBlob chunk = receive(caller, body)) {
            if (range != null && range[1] - range[0] + 1 != chunk.size()) {
                throw ApiException.badRequest(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range " + contentRange
                    + " says " + (range[1] - range[0] + 1) + " bytes, the chunk has " + chunk.size());
            }
            return sessions.append(repository.value(), id, range == null ? -1 : range[0], chunk,
                limits.maxBlobSize());
        }
    }

    /**
     * Completes an upload with an optional last chunk; the whole blob must have {@code digest}. The session
     * ends either way (a wrong digest means the client must start again).
     */
    public void finish(PackageName repository, UUID id, Digest digest, Caller caller, InputStream lastChunk) {
        if (digest == null) {
            throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "a digest is required (sha256:<64 hex digits>)");
        }
        int parts;
        try (SpooledBlob chunk = receive(caller, lastChunk)) {
            parts = sessions.close(repository.value(), id, chunk, limits.maxBlobSize());
        }
        try (SpooledBlob blob = spool.spool(sessions.read(id, parts), limits.maxBlobSize())) {
            requireDigest(blob, digest);
            blobs.store(blob, repository.value());
        } finally {
            sessions.deleteParts(id, parts);
        }
    }

    public long status(PackageName repository, UUID id) {
        return sessions.received(repository.value(), id);
    }

    public void cancel(PackageName repository, UUID id) {
        sessions.cancel(repository.value(), id);
    }

    private SpooledBlob receive(Caller caller, InputStream body) {
        try (UploadSlots.Slot slot = slots.acquire(caller.tokenId())) {
            return spool.spool(body, limits.maxBlobSize());
        }
    }

    private static void requireDigest(SpooledBlob blob, Digest digest) {
        if (!blob.digest().equals(digest)) {
            throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "the uploaded " + blob.size()
                + " bytes have digest " + blob.digest() + ", not " + digest);
        }
    }

    /** {@code [start, end]} of a {@code Content-Range}, or null when there is none. */
    static long[] range(String contentRange) {
        if (contentRange == null || contentRange.isBlank()) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        if (!m.matches()) {
            throw ApiException.badRequest(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range must be START-END (inclusive "
                + "byte offsets, at most 18 digits each)");
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        if (end < start) {
            throw ApiException.badRequest(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range ends before it starts");
        }
        return new long[] {start, end};
    }

    public static String location(PackageName repository, UUID id) {
        return "/v2/" + repository + "/blobs/uploads/" + id;
    }

    /** The {@code Range} header of an upload: inclusive end, {@code 0-0} when empty as registries send it. */
    public static String range(long received) {
        return "0-" + Math.max(0, received - 1);
    }

    /**
     * The session rows, and their chunks in the object store ({@code uploads/<id>/<index>}), so that any replica
     * can continue or finish any session; each method one short transaction, none of them reading a request.
     * A chunk stored by a transaction that then failed sits at the next index and is replaced by the next
     * append, and removed with the session.
     */
    @ApplicationScoped
    static class Sessions {
        private final EntityManager em;
        private final UploadConfig config;
        private final ObjectStore store;

        Sessions(EntityManager em, UploadConfig config, ObjectStore store) {
            this.em = em;
            this.config = config;
            this.store = store;
        }

        @Transactional
        UUID start(String repository) {
            BlobUpload u = new BlobUpload();
            u.id = UUID.randomUUID();
            u.repository = repository;
            u.received = 0;
            u.parts = 0;
            u.createdAt = OffsetDateTime.now();
            u.updatedAt = u.createdAt;
            em.persist(u);
            return u.id;
        }

        @Transactional
        void checkStart(String repository, UUID id, long start) {
            BlobUpload u = find(repository, id);
            if (start != u.received) {
                throw outOfOrder(repository, u, start);
            }
        }

        /** Appends a spooled chunk at {@code start} (-1: wherever the session is); returns the bytes received. */
        @Transactional
        long append(String repository, UUID id, long start, SpooledBlob chunk, long max) {
            BlobUpload u = lock(repository, id);
            if (start >= 0 && start != u.received) {
                throw outOfOrder(repository, u, start);
            }
            appendTo(u, chunk, max);
            return u.received;
        }

        /** Appends the last chunk and ends the session; the number of chunks, which the caller reads and deletes. */
        @Transactional(dontRollbackOn = ApiException.class)
        int close(String repository, UUID id, SpooledBlob lastChunk, long max) {
            BlobUpload u = lock(repository, id);
            try {
                appendTo(u, lastChunk, max);
            } catch (ApiException e) {
                deleteParts(id, u.parts);
                throw e;
            } finally {
                em.remove(u);
            }
            return u.parts;
        }

        /** The session's bytes: its chunks in order, each opened only when the one before is read. */
        InputStream read(UUID id, int parts) {
            java.util.Iterator<Integer> next = java.util.stream.IntStream.range(0, parts).iterator();
            return new java.io.SequenceInputStream(new java.util.Enumeration<InputStream>() {
                @Override
                public boolean hasMoreElements() {
                    return next.hasNext();
                }

                @Override
                public InputStream nextElement() {
                    return store.openPart(StorageKey.uploadPart(id, next.next()));
                }
            });
        }

        private void appendTo(BlobUpload u, SpooledBlob chunk, long max) {
            if (u.received + chunk.size() > max) {
                throw ApiException.tooLarge("the upload is larger than the " + max + "-byte limit");
            }
            if (chunk.size() == 0) {
                return;
            }
            if (u.parts >= Math.min(config.maxChunks(), 10_000)) {
                throw ApiException.tooLarge("an upload may have at most " + Math.min(config.maxChunks(), 10_000)
                    + " chunks; send larger ones");
            }
            store.putPart(StorageKey.uploadPart(u.id, u.parts), chunk.file());
            u.parts++;
            u.received += chunk.size();
            u.updatedAt = OffsetDateTime.now();
        }

        @Transactional
        long received(String repository, UUID id) {
            return find(repository, id).received;
        }

        @Transactional
        void cancel(String repository, UUID id) {
            BlobUpload u = lock(repository, id);
            em.remove(u);
            deleteParts(id, u.parts);
        }

        /** Sessions nobody touched for the expiry period are dropped with their bytes. */
        @Scheduled(every = "10m", delayed = "1m")
        @Transactional
        void expire() {
            List<BlobUpload> idle = em.createQuery("from BlobUpload where updatedAt < :t", BlobUpload.class)
                .setParameter("t", OffsetDateTime.now().minusSeconds(config.expirySeconds())).getResultList();
            for (BlobUpload u : idle) {
                em.remove(u);
                deleteParts(u.id, u.parts);
            }
            if (!idle.isEmpty()) {
                LOG.infof("expired %d idle upload(s)", idle.size());
            }
        }

        /** Removes chunks 0..parts (one past the last: where a failed append may have left one). */
        void deleteParts(UUID id, int parts) {
            for (int i = 0; i <= parts; i++) {
                try {
                    store.deletePart(StorageKey.uploadPart(id, i));
                } catch (RuntimeException e) {
                    LOG.warnf("cannot delete upload chunk %d of %s (left in the bucket): %s", i, id, e.getMessage());
                    return;
                }
            }
        }

        private BlobUpload find(String repository, UUID id) {
            BlobUpload u = em.find(BlobUpload.class, id);
            if (u == null || !u.repository.equals(repository)) {
                throw ApiException.notFound(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + id + " in progress for "
                    + repository);
            }
            return u;
        }

        private BlobUpload lock(String repository, UUID id) {
            BlobUpload u = find(repository, id);
            em.lock(u, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(u);
            return u;
        }

        private ApiException outOfOrder(String repository, BlobUpload u, long start) {
            return new ApiException(416, ErrorCode.BLOB_UPLOAD_INVALID, "chunks must arrive in order: this upload "
                + "has " + u.received + " bytes, the chunk starts at " + start,
                Map.of("Range", range(u.received), "Location", "/v2/" + repository + "/blobs/uploads/" + u.id));
        }
    }
}
