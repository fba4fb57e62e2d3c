package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/** A package in search results and listings. */
public record SearchHit(String name, String description, List<String> keywords, String latest, long downloads,
                        OffsetDateTime updatedAt) {
}
