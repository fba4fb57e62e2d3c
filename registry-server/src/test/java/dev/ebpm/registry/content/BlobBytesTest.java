package dev.ebpm.registry.content;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.testing.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small-blob byte cache: read once, bounded by size, and forgetful when blobs are deleted. */
class BlobBytesTest {
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void smallBlobsAreKeptAndForgottenWhenDeleted() {
        byte[] small = {1, 2, 3};
        Digest d = Digest.sha256(small);
        store.put(d, small);
        BlobBytes bytes = new BlobBytes(store, 10, 100);
        assertThat(bytes.read(d, 3)).isEqualTo(small);
        assertThat(bytes.read(d, 3)).isEqualTo(small);
        assertThat(store.reads()).isEqualTo(1);
        assertThat(bytes.cached(d)).isEqualTo(small);
        bytes.forget(List.of(d));
        assertThat(bytes.cached(d)).isNull();
    }

    @Test
    void largeBlobsAreNotKept() {
        byte[] large = new byte[11];
        Digest d = Digest.sha256(large);
        BlobBytes bytes = new BlobBytes(store, 10, 100);
        bytes.put(d, large);
        assertThat(bytes.cacheable(11)).isFalse();
        assertThat(bytes.cached(d)).isNull();
        assertThat(bytes.read(d, 11)).isEqualTo(large);
        assertThat(bytes.cached(d)).isNull();
    }
}
