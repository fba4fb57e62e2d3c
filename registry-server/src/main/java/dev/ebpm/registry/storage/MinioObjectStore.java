package dev.ebpm.registry.storage;

import dev.ebpm.format.Digest;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
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

/** The objects in an S3 bucket (MinIO, S3, s3proxy), through the MinIO client; keys from {@link StorageKey}. */
@ApplicationScoped
@Startup
public class MinioObjectStore implements ObjectStore {
    private static final Logger LOG = Logger.getLogger(MinioObjectStore.class);
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject");

    private final StorageConfig config;
    private final MinioClient client;

    MinioObjectStore(StorageConfig config) {
        this.config = config;
        this.client = MinioClient.builder().endpoint(config.endpoint())
            .credentials(config.accessKey(), config.secretKey()).region(config.region()).build();
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

    @Override
    public void put(Digest digest, byte[] content) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key(digest))
                .stream(new ByteArrayInputStream(content), content.length, -1).contentType(CONTENT_TYPE).build());
        } catch (Exception e) {
            throw failure("store", digest, e);
        }
    }

    @Override
    public void put(Digest digest, Path file) {
        try {
            upload(key(digest), file);
        } catch (Exception e) {
            throw failure("store", digest, e);
        }
    }

    private void upload(String object, Path file) throws Exception {
        client.uploadObject(UploadObjectArgs.builder().bucket(config.bucket()).object(object)
            .filename(file.toString()).contentType(CONTENT_TYPE).build());
    }

    @Override
    public boolean exists(Digest digest) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key(digest)).build());
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

    @Override
    public byte[] read(Digest digest, long size) {
        try (InputStream in = open(digest, 0, -1)) {
            byte[] content = in.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
            if (content.length != size || !digest.matches(content)) {
                throw new BlobCorruptException("blob " + digest + " in the object store is not the content it names");
            }
            return content;
        } catch (IOException e) {
            throw failure("read", digest, e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        try {
            GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).object(key(digest));
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

    @Override
    public void delete(Digest digest) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key(digest)).build());
        } catch (Exception e) {
            throw failure("delete", digest, e);
        }
    }

    @Override
    public void putPart(StorageKey key, Path file) {
        try {
            upload(key.path(), file);
        } catch (Exception e) {
            throw partFailure("store", key, e);
        }
    }

    @Override
    public InputStream openPart(StorageKey key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key.path()).build());
        } catch (Exception e) {
            throw partFailure("read", key, e);
        }
    }

    @Override
    public void deletePart(StorageKey key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key.path()).build());
        } catch (Exception e) {
            throw partFailure("delete", key, e);
        }
    }

    @Override
    public boolean reachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
        } catch (Exception e) {
            return false;
        }
    }

    private static String key(Digest digest) {
        return StorageKey.blob(digest).path();
    }

    private StorageException partFailure(String action, StorageKey key, Exception e) {
        return new StorageException("cannot " + action + " upload chunk " + key.path() + " in the object store at "
            + config.endpoint() + ": " + e.getMessage(), e);
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
