package dev.ebpm.registry.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where blobs live: {@code ebpm.storage.*} (or {@code EBPM_STORAGE_*} in the environment). */
@ConfigMapping(prefix = "ebpm.storage")
public interface StorageConfig {
    /** The S3 endpoint, e.g. {@code http://minio:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    String bucket();

    @WithDefault("us-east-1")
    String region();

    /** Blobs up to this size are kept in memory once read: they are immutable, so the copy never goes stale. */
    @WithDefault("1048576")
    int cacheMaxBlobSize();

    @WithDefault("134217728")
    long cacheMaxTotal();
}
