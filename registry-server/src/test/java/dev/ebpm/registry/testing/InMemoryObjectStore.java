package dev.ebpm.registry.testing;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.storage.BlobMissingException;
import dev.ebpm.registry.storage.ObjectStore;
import dev.ebpm.registry.storage.StorageException;
import dev.ebpm.registry.storage.StorageKey;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An object store in a map, for unit tests of the services above it; counts reads so caching can be seen. */
public final class InMemoryObjectStore implements ObjectStore {
    private final Map<Digest, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<StorageKey, byte[]> parts = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean down;

    @Override
    public void put(Digest digest, byte[] content) {
        check();
        objects.put(digest, content.clone());
    }

    @Override
    public void put(Digest digest, Path file) {
        try {
            put(digest, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(Digest digest) {
        check();
        return objects.containsKey(digest);
    }

    @Override
    public byte[] read(Digest digest, long size) {
        byte[] content = get(digest);
        if (content.length != size) {
            throw new StorageException("blob " + digest + " is not " + size + " bytes", null);
        }
        return content.clone();
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        byte[] content = get(digest);
        int end = length < 0 ? content.length : (int) Math.min(content.length, offset + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(content, (int) offset, end));
    }

    @Override
    public void delete(Digest digest) {
        check();
        objects.remove(digest);
    }

    @Override
    public void putPart(StorageKey key, Path file) {
        check();
        try {
            parts.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream openPart(StorageKey key) {
        check();
        byte[] content = parts.get(key);
        if (content == null) {
            throw new BlobMissingException("no upload chunk " + key.path(), null);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void deletePart(StorageKey key) {
        check();
        parts.remove(key);
    }

    @Override
    public boolean reachable() {
        return !down;
    }

    /** Simulates an outage: every call fails until it is back. */
    public void down(boolean down) {
        this.down = down;
    }

    public int reads() {
        return reads.get();
    }

    private byte[] get(Digest digest) {
        check();
        reads.incrementAndGet();
        byte[] content = objects.get(digest);
        if (content == null) {
            throw new BlobMissingException("blob " + digest + " is missing", null);
        }
        return content;
    }

    private void check() {
        if (down) {
            throw new StorageException("the store is down", null);
        }
    }
}
