package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.publish.Limits;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chunked upload sessions: chunks must arrive in order ({@code Content-Range} start equal to the bytes
 * received so far, else 416), the session row is locked while a chunk is written, and the final PUT
 * hashes the whole file and stores it only if it is the digest the client names. Idle sessions expire.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/(\\d+|\\*))?");

    private final EntityManager em;
    private final BlobService blobs;
    private final Limits limits;
    private final UploadConfig config;
    private final Path sessions;

    UploadService(EntityManager em, BlobService blobs, Limits limits, UploadConfig config) {
        this.em = em;
        this.blobs = blobs;
        this.limits = limits;
        this.config = config;
        this.sessions = config.directory().resolve("sessions");
    }

    @Transactional
    public UUID start(String repository) {
        BlobUpload u = new BlobUpload();
        u.id = UUID.randomUUID();
        u.repository = repository;
        u.received = 0;
        u.createdAt = OffsetDateTime.now();
        u.updatedAt = u.createdAt;
        em.persist(u);
        try {
            Files.createDirectories(sessions);
            Files.deleteIfExists(file(u.id));
            Files.createFile(file(u.id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return u.id;
    }

    /** Appends a chunk; returns the bytes received so far. */
    @Transactional(dontRollbackOn = ApiException.class)
    public long append(String repository, UUID id, String contentRange, InputStream body) {
        BlobUpload u = lock(repository, id);
        if (contentRange != null && !contentRange.isBlank()) {
            Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) != u.received) {
                throw new ApiException(416, ErrorCode.BLOB_UPLOAD_INVALID, "chunks must arrive in order: this "
                    + "upload has " + u.received + " bytes, the chunk says " + contentRange,
                    Map.of("Range", range(u.received), "Location", location(repository, id)));
            }
        }
        u.received += blobs.append(file(id), body, u.received, limits.maxBlobSize());
        u.updatedAt = OffsetDateTime.now();
        return u.received;
    }

    /**
     * Completes an upload with an optional last chunk; the whole blob must have {@code digest}. The session
     * ends either way (a wrong digest means the client must start again).
     */
    @Transactional(dontRollbackOn = ApiException.class)
    public Digest finish(String repository, UUID id, Digest digest, InputStream lastChunk) {
        BlobUpload u = lock(repository, id);
        Path file = file(id);
        u.received += blobs.append(file, lastChunk, u.received, limits.maxBlobSize());
        SpooledBlob blob = blobs.hash(file);
        try {
            if (!blob.digest().equals(digest)) {
                throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "the uploaded " + blob.size()
                    + " bytes have digest " + blob.digest() + ", not " + digest);
            }
            blobs.store(blob, repository);
        } finally {
            em.remove(u);
            blob.close();
        }
        return digest;
    }

    @Transactional
    public long status(String repository, UUID id) {
        return find(repository, id).received;
    }

    @Transactional
    public void cancel(String repository, UUID id) {
        em.remove(lock(repository, id));
        delete(id);
    }

    /** Sessions nobody touched for the expiry period are dropped with their bytes. */
    @Scheduled(every = "10m", delayed = "1m")
    @Transactional
    void expire() {
        List<BlobUpload> idle = em.createQuery("from BlobUpload where updatedAt < :t", BlobUpload.class)
            .setParameter("t", OffsetDateTime.now().minusSeconds(config.expirySeconds())).getResultList();
        for (BlobUpload u : idle) {
            em.remove(u);
            delete(u.id);
        }
        if (!idle.isEmpty()) {
            LOG.infof("expired %d idle upload(s)", idle.size());
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

    private Path file(UUID id) {
        return sessions.resolve(id.toString());
    }

    private void delete(UUID id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.warnf("cannot delete upload file %s: %s", file(id), e.getMessage());
        }
    }

    public static String location(String repository, UUID id) {
        return "/v2/" + repository + "/blobs/uploads/" + id;
    }

    /** The {@code Range} header of an upload: inclusive end, {@code 0-0} when empty as registries send it. */
    public static String range(long received) {
        return "0-" + Math.max(0, received - 1);
    }
}
