package dev.ebpm.registry.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ebpm.format.Digest;
import dev.ebpm.registry.storage.ObjectStore;
import dev.ebpm.registry.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blob bytes as the registry reads them: small blobs kept in memory once read (a digest names fixed bytes,
 * so a copy never goes stale while the blob exists), larger ones streamed from the object store. When blobs
 * are deleted their copies are forgotten, and a read that began before can no longer put one back.
 */
@ApplicationScoped
public class BlobBytes {
    private final ObjectStore store;
    private final int maxBlob;
    private final Cache<Digest, byte[]> cache;
    /** Bumped by every {@link #forget}: a read that started under an older value does not fill the cache. */
    private final AtomicLong epoch = new AtomicLong();

    @Inject
    BlobBytes(ObjectStore store, StorageConfig config) {
        this(store, config.cacheMaxBlobSize(), config.cacheMaxTotal());
    }

    public BlobBytes(ObjectStore store, int maxBlob, long maxTotal) {
        this.store = store;
        this.maxBlob = (int) Math.min(maxBlob, maxTotal);
        this.cache = Caffeine.newBuilder().maximumWeight(maxTotal)
            .weigher((Digest d, byte[] b) -> b.length).build();
    }

    public ObjectStore store() {
        return store;
    }

    /** The whole blob of known {@code size}, from memory when it is small and was read before. */
    public byte[] read(Digest digest, long size) {
        byte[] cached = cache.getIfPresent(digest);
        if (cached != null) {
            return cached;
        }
        long started = epoch.get();
        byte[] content = store.read(digest, size);
        remember(digest, content, started);
        return content;
    }

    /** Stores verified content and keeps a copy when it is small. */
    public void put(Digest digest, byte[] content) {
        long started = epoch.get();
        store.put(digest, content);
        remember(digest, content, started);
    }

    private void remember(Digest digest, byte[] content, long started) {
        if (cacheable(content.length) && epoch.get() == started) {
            cache.put(digest, content);
        }
    }

    /** The blob if it is in memory, else null: never touches the object store. */
    public byte[] cached(Digest digest) {
        return cache.getIfPresent(digest);
    }

    /** Whether {@link #read} keeps a blob of this size in memory. */
    public boolean cacheable(long size) {
        return size <= maxBlob;
    }

    public InputStream open(Digest digest, long offset, long length) {
        return store.open(digest, offset, length);
    }

    /** Drops the copies of blobs about to be (or just) deleted. */
    public void forget(Collection<Digest> digests) {
        epoch.incrementAndGet();
        cache.invalidateAll(digests);
    }

    /** Drops every copy (blobs may have been deleted while this replica did not hear of it). */
    public void forgetAll() {
        epoch.incrementAndGet();
        cache.invalidateAll();
    }
}
