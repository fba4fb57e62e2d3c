package dev.ebpm.registry.reference;

import dev.ebpm.format.Digest;

/** What an OCI manifest request names: a digest, or a version or tag ({@link VersionRef}). One is set. */
public record ManifestRef(Digest digest, VersionRef version) {
    public ManifestRef {
        if ((digest == null) == (version == null)) {
            throw new IllegalArgumentException("a manifest reference is a digest or a version reference");
        }
    }

    /** A digest when the text has a colon (then it must be a valid one: 400 DIGEST_INVALID), else a version or tag. */
    public static ManifestRef parse(String text) {
        return text.contains(":") ? new ManifestRef(Inputs.digest(text), null)
            : new ManifestRef(null, VersionRef.parse(text));
    }

    /** Digests and version numbers always name the same manifest. */
    public boolean isPinned() {
        return digest != null || version.isPinned();
    }

    @Override
    public String toString() {
        return digest != null ? digest.toString() : version.toString();
    }
}
