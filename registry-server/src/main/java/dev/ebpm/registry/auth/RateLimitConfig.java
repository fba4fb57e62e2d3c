package dev.ebpm.registry.auth;

import io.smallrye.config.ConfigMapping;

/** {@code ebpm.rate-limit.*}: a token bucket per token for each kind of write. */
@ConfigMapping(prefix = "ebpm.rate-limit")
public interface RateLimitConfig {
    /** Publishes (REST, OCI manifest push, builds): a burst, then one more every refill period. */
    Bucket publish();

    /** Yanks, tag moves, token changes and removals. */
    Bucket other();

    /** OCI blob uploads: each request that starts, continues or finishes one. */
    Bucket upload();

    interface Bucket {
        int burst();

        int refillSeconds();
    }
}
