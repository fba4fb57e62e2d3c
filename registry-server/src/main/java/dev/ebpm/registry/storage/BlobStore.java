package dev.ebpm.registry.storage;

import dev.ebpm.format.Digest;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * Content-addressed blobs in the S3 bucket. Callers verify a digest before they store under it, so what
 * is stored under a key is always the content it names; storing a digest twice is harmless.
 */
@ApplicationScoped
@Startup
public class BlobStore {
    private static final Logger LOG = Logger.getLogger(BlobStore.class);
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject");

    private final StorageConfig config;
    private final MinioClient client;
    private final BlobCache cache;

    BlobStore(StorageConfig config) {
        this.config = config;
        this.client = MinioClient.builder().endpoint(config.endpoint())
            .credentials(config.accessKey(), config.secretKey()).region(config.region()).build();
        this.cache = new BlobCache(config.cacheMaxBlobSize(), config.cacheMaxTotal());
    }

    /** Creates the bucket on first start, so a fresh MinIO or s3proxy needs no manual step. */
    @PostConstruct
    void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
                LOG.infof("created bucket %s at %s", config.bucket(), config.endpoint());
            }
        } catch (Exception e) {
            // Start anyway: the health check reports storage, and requests fail with a clear 503 until it is back.
            LOG.errorf("object storage at %s is not usable yet: %s", config.endpoint(), e.getMessage());
        }
    }

    public void put(Digest digest, byte[] content) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(StorageKey.blob(digest).path())
                .stream(new ByteArrayInputStream(content), content.length, -1).contentType(CONTENT_TYPE).build());
            cache.put(digest, content);
        } catch (Exception e) {
            throw failure("store", digest, e);
        }
    }

    /** Stores a verified file. */
    public void put(Digest digest, Path file) {
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(config.bucket())
                .object(StorageKey.blob(digest).path()).filename(file.toString()).contentType(CONTENT_TYPE).build());
        } catch (Exception e) {
            throw failure("store", digest, e);
        }
    }

    public boolean exists(Digest digest) {
        if (cache.get(digest) != null) {
            return true;
        }
        try {
            client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(StorageKey.blob(digest).path())
                .build());
            return true;
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                return false;
            }
            throw failure("look up", digest, e);
        } catch (Exception e) {
            throw failure("look up", digest, e);
        }
    }

    /** The whole blob, from memory when it is small and was read before. {@code size} is its known size. */
    public byte[] read(Digest digest, long size) {
        byte[] cached = cache.get(digest);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = open(digest, 0, -1)) {
            byte[] content = in.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
            if (content.length != size || !digest.matches(content)) {
                throw new StorageException("blob " + digest + " in the object store is not the content it names",
                    null);
            }
            cache.put(digest, content);
            return content;
        } catch (IOException e) {
            throw failure("read", digest, e);
        }
    }

    /** The blob if it is in memory, else null: never touches the object store. */
    public byte[] cached(Digest digest) {
        return cache.get(digest);
    }

    /** Whether {@link #read} would serve this blob from memory. */
    public boolean cacheable(long size) {
        return cache.fits(size);
    }

    /** A stream over part of the blob ({@code length} -1 for the rest); the caller closes it. */
    public InputStream open(Digest digest, long offset, long length) {
        try {
            GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket())
                .object(StorageKey.blob(digest).path());
            if (offset > 0 || length >= 0) {
                args.offset(offset);
                if (length >= 0) {
                    args.length(length);
                }
            }
            return client.getObject(args.build());
        } catch (Exception e) {
            throw failure("read", digest, e);
        }
    }

    /** For the health check: can the bucket be reached right now? */
    public boolean reachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
        } catch (Exception e) {
            return false;
        }
    }

    private StorageException failure(String action, Digest digest, Exception e) {
        if (e instanceof ErrorResponseException r && MISSING.contains(r.errorResponse().code())) {
            return new BlobMissingException("blob " + digest + " is recorded but missing from the object store at "
                + config.endpoint() + " (bucket " + config.bucket() + ")", e);
        }
        return new StorageException("cannot " + action + " blob " + digest + " in the object store at "
            + config.endpoint() + ": " + e.getMessage(), e);
    }
}
