package dev.ebpm.registry.trust;

import java.time.OffsetDateTime;

/** A signing key as {@code GET /api/v1/keys} lists it. */
public record KeyView(String fingerprint, String name, String kind, String publicKey, OffsetDateTime createdAt,
                      boolean revoked, OffsetDateTime revokedAt, String revokedReason) {
    static KeyView of(SigningKeyRow r) {
        return new KeyView(r.fingerprint, r.name, r.kind, r.publicPem, r.createdAt, r.revokedAt != null, r.revokedAt,
            r.revokedReason);
    }
}
