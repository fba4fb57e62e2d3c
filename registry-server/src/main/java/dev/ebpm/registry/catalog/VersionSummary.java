package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One line of a package's version list; a removed version shows as removed, with no digest. {@code arches}:
 * the architectures a version built for several has builds for (empty for one build).
 */
public record VersionSummary(String version, OffsetDateTime publishedAt, boolean yanked, boolean removed,
                             String digest, long size, long downloads, List<String> arches) {
    static VersionSummary from(PackageVersion v, String manifestDigest, List<String> arches) {
        return new VersionSummary(v.version, v.publishedAt, v.yanked, v.removed(), v.removed() ? null : manifestDigest,
            v.build.packageSize, v.downloads, arches);
    }
}
