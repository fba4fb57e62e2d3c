package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs as the registry knows them: received into a temp file while hashed and capped, stored in the
 * object store only once verified, then recorded and linked to the repository that may serve them.
 * A blob row exists only for content already stored, so nothing half-written is ever visible.
 */
@ApplicationScoped
public class BlobService {
    private final BlobStore store;
    private final EntityManager em;
    private final Path spoolDir;
    private final Map<String, Long> servable = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 100_000;

    BlobService(BlobStore store, EntityManager em, UploadConfig uploads) {
        this.store = store;
        this.em = em;
        this.spoolDir = uploads.directory().resolve("spool");
    }

    /** Reads a request body into a temp file; more than {@code max} bytes is a 413 and nothing is kept. */
    public SpooledBlob spool(InputStream in, long max) {
        Path file = null;
        try {
            Files.createDirectories(spoolDir);
            file = Files.createTempFile(spoolDir, "blob", ".part");
            MessageDigest sha = sha256();
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > max) {
                        throw ApiException.tooLarge("the upload is larger than the " + max + "-byte limit");
                    }
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            return new SpooledBlob(file, new Digest(HexFormat.of().formatHex(sha.digest())), total);
        } catch (IOException e) {
            delete(file);
            throw ApiException.badRequest(ErrorCode.BLOB_UPLOAD_INVALID, "the upload was cut short ("
                + e.getMessage() + ")");
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** Appends a body to an upload session's file; returns the bytes written. */
    public long append(Path file, InputStream in, long alreadyHave, long max) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (alreadyHave + total > max) {
                    throw ApiException.tooLarge("the upload is larger than the " + max + "-byte limit");
                }
                out.write(buf, 0, n);
            }
            return total;
        } catch (IOException e) {
            throw ApiException.badRequest(ErrorCode.BLOB_UPLOAD_INVALID, "the chunk was cut short (" + e.getMessage()
                + ")");
        }
    }

    /** Hashes a whole file (a finished chunked upload). */
    public SpooledBlob hash(Path file) {
        MessageDigest sha = sha256();
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SpooledBlob(file, new Digest(HexFormat.of().formatHex(sha.digest())), total);
    }

    /**
     * Stores verified content and makes it servable from {@code repository} (null: from no repository). The
     * object store, not the blob table, says whether it is already there: a bucket restored from an older
     * backup then heals when the content is pushed again.
     */
    public void store(SpooledBlob blob, String repository) {
        if (!store.exists(blob.digest())) {
            store.put(blob.digest(), blob.file());
        }
        record(blob.digest(), blob.size(), repository);
    }

    public void store(byte[] content, Digest digest, String repository) {
        if (!store.exists(digest)) {
            store.put(digest, content);
        }
        record(digest, content.length, repository);
    }

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

    /** The blob's size if {@code repository} may serve it; links are never removed, so hits are remembered. */
    public Optional<Long> sizeIn(String repository, Digest digest) {
        String key = repository + "@" + digest.hex();
        Long size = servable.get(key);
        if (size == null) {
            size = find(repository, digest).map(b -> b.size).orElse(null);
            if (size == null) {
                return Optional.empty();
            }
            if (servable.size() > MAX_REMEMBERED) {
                servable.clear();
            }
            servable.put(key, size);
        }
        return Optional.of(size);
    }

    /** The size {@link #sizeIn} remembered, or null: never touches the database. */
    public Long rememberedSize(String repository, Digest digest) {
        return servable.get(repository + "@" + digest.hex());
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

    public byte[] read(Digest digest, long size) {
        return store.read(digest, size);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Swept later with the spool directory.
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
