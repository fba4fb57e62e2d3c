package dev.ebpm.registry.storage;

import dev.ebpm.format.Digest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small blobs kept in memory, least recently used first out; safe because a digest names fixed bytes. */
final class BlobCache {
    private final int maxBlob;
    private final long maxTotal;
    private final LinkedHashMap<Digest, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long total;

    BlobCache(int maxBlob, long maxTotal) {
        this.maxBlob = maxBlob;
        this.maxTotal = maxTotal;
    }

    synchronized byte[] get(Digest digest) {
        return entries.get(digest);
    }

    boolean fits(long size) {
        return size <= maxBlob && size <= maxTotal;
    }

    synchronized void put(Digest digest, byte[] content) {
        if (!fits(content.length) || entries.containsKey(digest)) {
            return;
        }
        entries.put(digest, content);
        total += content.length;
        Iterator<Map.Entry<Digest, byte[]>> it = entries.entrySet().iterator();
        while (total > maxTotal && it.hasNext()) {
            total -= it.next().getValue().length;
            it.remove();
        }
    }
}
