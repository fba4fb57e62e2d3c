package dev.ebpm.format.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees that are only scratch space. */
public final class Directories {
    private Directories() {
    }

    /** Removes a tree, deepest first; what cannot be removed is left behind (scratch space is harmless). */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for the next run to clean.
        }
    }
}
