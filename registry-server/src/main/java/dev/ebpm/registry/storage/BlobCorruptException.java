package dev.ebpm.registry.storage;

/**
 * A blob whose bytes in the object store are not the content its digest names (altered in the bucket, or
 * damaged): never served, and not a passing outage either, so the client sees a 500 saying so and the
 * operator a message naming the blob.
 */
public class BlobCorruptException extends StorageException {
    public BlobCorruptException(String message) {
        super(message, null);
    }
}
