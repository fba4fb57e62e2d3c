package dev.ebpm.registry.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Versions' stored {@link VersionDetails}, each parsed once. The stored text is the key, so nothing can go
 * stale; the cache is bounded in application.properties.
 */
@ApplicationScoped
public class StoredDetails {
    private final ObjectMapper json;

    StoredDetails(ObjectMapper json) {
        this.json = json;
    }

    public VersionDetails of(PackageVersion v) {
        return parse(v.details);
    }

    @CacheResult(cacheName = "version-details")
    VersionDetails parse(String stored) {
        try {
            return json.readValue(stored, VersionDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version details do not parse: " + e.getOriginalMessage(), e);
        }
    }
}
