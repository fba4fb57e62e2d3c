package dev.ebpm.registry.trust;

/** {@code POST /api/v1/keys}: a publisher's public key (PEM) and the name it is shown under. */
public record KeyRequest(String name, String publicKey) {
}
