package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;

/** One line of a package's version list. */
public record VersionSummary(String version, OffsetDateTime publishedAt, boolean yanked, String digest,
                             long size, long downloads) {
    static VersionSummary from(PackageVersion v, String manifestDigest) {
        return new VersionSummary(v.version, v.publishedAt, v.yanked, manifestDigest, v.packageSize, v.downloads);
    }
}
