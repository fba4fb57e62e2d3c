package dev.ebpm.registry.content;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/**
 * {@code ebpm.uploads.*}: where incoming bodies wait until verified (each replica its own directory), how long
 * an idle chunked upload lives, how many chunks it may have,
 * and how many bodies may be arriving at once (per token and in all).
 */
@ConfigMapping(prefix = "ebpm.uploads")
public interface UploadConfig {
    Path directory();

    @WithDefault("3600")
    long expirySeconds();

    /**
     * Chunks one upload may have: each is an object in the bucket until the upload ends. At most 10000, as
     * in an S3 multipart upload (the schema refuses more).
     */
    @WithDefault("10000")
    int maxChunks();

    /** Bodies one token may be sending at the same time; more answer 429 before their body is read. */
    @WithDefault("4")
    int maxConcurrentPerToken();

    /** Bodies the server receives at the same time, from all tokens together. */
    @WithDefault("32")
    int maxConcurrent();
}
