package dev.ebpm.registry.trust;

/** {@code POST /api/v1/keys/FINGERPRINT/revoke}: why the key is no longer trusted. */
public record RevokeRequest(String reason) {
}
