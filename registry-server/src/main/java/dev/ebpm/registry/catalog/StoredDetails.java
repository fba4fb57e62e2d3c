package dev.ebpm.registry.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Versions' stored {@link VersionDetails}, each parsed once. The stored text is the key, so nothing can go
 * stale; the cache is bounded by the characters of the texts it keeps.
 */
@ApplicationScoped
public class StoredDetails {
    private static final long MAX_CHARS = 32L << 20;

    private final ObjectMapper json;
    private final Cache<String, VersionDetails> parsed = Caffeine.newBuilder().maximumWeight(MAX_CHARS)
        .weigher((String stored, VersionDetails details) -> stored.length()).build();

    StoredDetails(ObjectMapper json) {
        this.json = json;
    }

    public VersionDetails of(PackageVersion v) {
        return parsed.get(v.details, this::parse);
    }

    public VersionDetails of(PackageVariant v) {
        return parsed.get(v.details, this::parse);
    }

    private VersionDetails parse(String stored) {
        try {
            return json.readValue(stored, VersionDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version details do not parse: " + e.getOriginalMessage(), e);
        }
    }
}
