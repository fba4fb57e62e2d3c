package dev.ebpm.compiler.headers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ecc's cache of generated headers: {@code $ECC_CACHE_DIR}, else {@code $XDG_CACHE_HOME/ebpm/ecc}, else
 * {@code ~/.cache/ebpm/ecc}. Entries are keyed by content digest and written with {@link dev.ebpm.format.files.AtomicFiles},
 * so concurrent compiles share them safely and a half-written file is never seen.
 */
public final class BuildCache {
    private final Path root;

    /** The root is made absolute: clang runs in other directories and must find the headers kept here. */
    public BuildCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    public static BuildCache defaultLocation() {
        String explicit = System.getenv("ECC_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return new BuildCache(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new BuildCache(base.resolve("ebpm").resolve("ecc"));
    }

    public Path root() {
        return root;
    }

    /** The directory for one entry, created if needed. */
    public Path entry(String kind, String key) throws IOException {
        Path dir = root.resolve(kind).resolve(key);
        Files.createDirectories(dir);
        return dir;
    }
}
