package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;

/** A removal as {@code DELETE …/-/versions/V} and {@code GET /api/v1/removals} show it. */
public record RemovalView(String name, String version, String manifestDigest, OffsetDateTime removedAt,
                          String removedBy, String reason) {
    static RemovalView from(VersionRemoval r) {
        return new RemovalView(r.packageName, r.version, r.manifestDigest, r.removedAt, r.removedByName, r.reason);
    }
}
