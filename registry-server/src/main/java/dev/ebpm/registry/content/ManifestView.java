package dev.ebpm.registry.content;

/** A stored manifest as served: digest, media type and the exact bytes. */
public record ManifestView(String digest, String mediaType, byte[] content) {
    public static ManifestView of(StoredManifest m) {
        return new ManifestView(m.digest, m.mediaType, m.content);
    }
}
