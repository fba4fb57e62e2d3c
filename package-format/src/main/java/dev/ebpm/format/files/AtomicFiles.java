package dev.ebpm.format.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files so that readers see the old content or the new, never half of it. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A fresh path next to {@code target} to write into before {@link #publish}. */
    public static Path temporarySibling(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    }

    /** Moves a fully written temporary file into place in one step. */
    public static void publish(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a file readable by everyone (rw-r--r--), as an ordinary output file is. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, "rw-r--r--");
    }

    /** Writes a file readable by its owner only (rw-------), for secrets such as tokens. */
    public static void writePrivate(Path target, byte[] content) throws IOException {
        write(target, content, "rw-------");
    }

    private static void write(Path target, byte[] content, String permissions) throws IOException {
        Path tmp = temporarySibling(target);
        try {
            // The temporary file is created rw------- (createTempFile), so a secret is never readable by others.
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
