package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;

/** One line of a package's version list; a removed version shows as removed, with no digest. */
public record VersionSummary(String version, OffsetDateTime publishedAt, boolean yanked, boolean removed,
                             String digest, long size, long downloads) {
    static VersionSummary from(PackageVersion v, String manifestDigest) {
        return new VersionSummary(v.version, v.publishedAt, v.yanked, v.removed(), v.removed() ? null : manifestDigest,
            v.packageSize, v.downloads);
    }
}
