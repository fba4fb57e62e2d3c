package dev.ebpm.registry.storage;

import dev.ebpm.format.Digest;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content-addressed objects, one per digest, and the chunks of uploads in progress. Callers verify a digest before they store under it, so what
 * is stored under a key is always the content it names; storing a digest twice is harmless. Failures are
 * {@link StorageException}s (a {@link BlobMissingException} when a recorded object is not there).
 */
public interface ObjectStore {
    void put(Digest digest, byte[] content);

    /** Stores a verified file. */
    void put(Digest digest, Path file);

    boolean exists(Digest digest);

    /** The whole object, checked against its digest and its known {@code size}. */
    byte[] read(Digest digest, long size);

    /** A stream over part of the object ({@code length} -1 for the rest); the caller closes it. */
    InputStream open(Digest digest, long offset, long length);

    /** Removes the object; removing one that is not there is not an error. */
    void delete(Digest digest);

    /**
     * Stores one chunk of a chunked upload under {@code key} (from {@link StorageKey#uploadPart}), replacing
     * what was there: upload sessions live in the bucket, so any replica can continue or finish one.
     */
    void putPart(StorageKey key, Path file);

    /** A stream over a stored chunk; the caller closes it. */
    InputStream openPart(StorageKey key);

    /** Removes a chunk; removing one that is not there is not an error. */
    void deletePart(StorageKey key);

    /** For the health check: can the store be reached right now? */
    boolean reachable();
}
