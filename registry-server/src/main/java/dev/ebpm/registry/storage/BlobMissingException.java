package dev.ebpm.registry.storage;

/**
 * A blob the database records is not in the object store (a bucket wiped or restored apart from the
 * database): not a passing outage, so the client sees a 500 and the operator a message saying which blob.
 */
public class BlobMissingException extends StorageException {
    public BlobMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
