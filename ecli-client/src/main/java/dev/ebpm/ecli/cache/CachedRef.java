package dev.ebpm.ecli.cache;

import dev.ebpm.format.Digest;

import java.time.Duration;
import java.time.Instant;

/** What a reference resolved to, and when. */
public record CachedRef(String registry, String name, String reference, Digest manifest, Instant resolvedAt) {
    public boolean olderThan(Duration ttl) {
        return resolvedAt.plus(ttl).isBefore(Instant.now());
    }
}
