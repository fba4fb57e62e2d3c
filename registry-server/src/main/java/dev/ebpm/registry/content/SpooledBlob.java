package dev.ebpm.registry.content;

import dev.ebpm.format.Digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes received into a temporary file, with their digest; deleted on close. */
public record SpooledBlob(Path file, Digest digest, long size) implements AutoCloseable {
    public byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is swept with the upload directory; nothing to tell the client.
        }
    }
}
