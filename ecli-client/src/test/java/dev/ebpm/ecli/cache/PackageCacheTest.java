package dev.ebpm.ecli.cache;

import dev.ebpm.format.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PackageCacheTest {
    private static final URI REGISTRY = URI.create("http://localhost:8080");

    @Test
    void blobsAreCheckedOnEveryReadAndCorruptOnesDropped(@TempDir Path dir) throws Exception {
        PackageCache cache = new PackageCache(dir);
        byte[] content = "a blob".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        assertThat(cache.blob(d).found()).isFalse();
        cache.putBlob(d, content);
        assertThat(cache.blob(d).bytes()).isEqualTo(content);

        Path file;
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(file, "tampered");
        PackageCache.Read read = cache.blob(d);
        assertThat(read.corrupt()).isTrue();
        assertThat(read.found()).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void referencesRememberWhenTheyWereResolved(@TempDir Path dir) {
        PackageCache cache = new PackageCache(dir);
        Digest d = Digest.sha256(new byte[] {1});
        cache.putRef(REGISTRY, "tools/sigsnoop", "latest", d);
        CachedRef ref = cache.ref(REGISTRY, "tools/sigsnoop", "latest").orElseThrow();
        assertThat(ref.manifest()).isEqualTo(d);
        assertThat(ref.olderThan(Duration.ofMinutes(1))).isFalse();
        assertThat(cache.ref(URI.create("https://other.example"), "tools/sigsnoop", "latest")).isEmpty();
        assertThat(cache.refs()).singleElement().satisfies(r -> {
            assertThat(r.registry()).isEqualTo("http://localhost:8080");
            assertThat(r.name()).isEqualTo("tools/sigsnoop");
        });
        assertThat(cache.clean()).isPositive();
        assertThat(cache.refs()).isEmpty();
    }
}
