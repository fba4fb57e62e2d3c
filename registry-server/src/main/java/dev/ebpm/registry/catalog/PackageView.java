package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A package as {@code GET /api/v1/packages/NAME} shows it; versions newest first. */
public record PackageView(String name, String description, List<String> keywords, String latest,
                          Map<String, String> tags, long downloads, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt, List<VersionSummary> versions) {
}
