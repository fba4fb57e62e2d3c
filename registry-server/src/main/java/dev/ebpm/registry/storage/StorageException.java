package dev.ebpm.registry.storage;

/** The object store failed or could not be reached; the client sees a 503, the log has the cause. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
