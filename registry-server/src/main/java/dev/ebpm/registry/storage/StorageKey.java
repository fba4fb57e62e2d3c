package dev.ebpm.registry.storage;

import dev.ebpm.format.Digest;

/**
 * The object-store layout: every blob at {@code blobs/sha256/<first two hex>/<hex>}, the chunks of an upload
 * session at {@code uploads/<session id>/<index>}. Keys come from digests and server-made ids only, never
 * from package names or client paths.
 */
public record StorageKey(String path) {
    public static StorageKey blob(Digest digest) {
        return new StorageKey("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
    }

    public static StorageKey uploadPart(java.util.UUID session, int index) {
        return new StorageKey("uploads/" + session + "/" + index);
    }
}
