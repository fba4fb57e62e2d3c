package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One version with everything derived from its blobs, as {@code GET …/-/versions/V} shows it. */
public record VersionView(String name, String version, String description, String license, List<String> keywords,
                          OffsetDateTime publishedAt, boolean yanked, String yankedReason, long downloads,
                          Digests digests, long packageSize, long objectSize, UUID buildId, Links links,
                          VersionDetails details, String readme) {
    public record Digests(String manifest, String config, String layer, String packageFile) {
    }

    public record Links(String packageFile, String packageJson, String oci) {
    }
}
