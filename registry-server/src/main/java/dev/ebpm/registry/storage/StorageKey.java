package dev.ebpm.registry.storage;

import dev.ebpm.format.Digest;

/**
 * The object-store layout: every blob at {@code blobs/sha256/<first two hex>/<hex>}. Keys come from digests
 * only, never from package names or client paths.
 */
public record StorageKey(String path) {
    public static StorageKey blob(Digest digest) {
        return new StorageKey("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
    }
}
