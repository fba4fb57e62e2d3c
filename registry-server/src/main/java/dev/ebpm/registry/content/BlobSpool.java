package dev.ebpm.registry.content;

import dev.ebpm.format.io.CappedReader;
import dev.ebpm.format.io.SizeLimitException;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Request bodies received into temporary files while they are hashed and capped, outside any transaction:
 * a client that sends slowly costs a thread and a file, never a database connection.
 */
@ApplicationScoped
public class BlobSpool {
    private static final Logger LOG = Logger.getLogger(BlobSpool.class);

    private final Path dir;

    @Inject
    BlobSpool(UploadConfig config) {
        this(config.directory().resolve("spool"));
    }

    public BlobSpool(Path dir) {
        this.dir = dir;
    }

    /** Reads a body into a temp file; more than {@code max} bytes is a 413 and nothing is kept. */
    public SpooledBlob spool(InputStream in, long max) {
        Path file = null;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "blob", ".part");
            CappedReader.Copied copied;
            try (OutputStream out = Files.newOutputStream(file)) {
                copied = CappedReader.copy(in, out, max, done -> { });
            }
            return new SpooledBlob(file, copied.digest(), copied.size());
        } catch (SizeLimitException e) {
            delete(file);
            throw ApiException.tooLarge("the upload is larger than the " + max + "-byte limit");
        } catch (IOException e) {
            delete(file);
            // The client went away or stopped sending (StalledBodies has then logged and answered it).
            LOG.debugf("an upload was cut short: %s", e.getMessage());
            throw ApiException.badRequest(ErrorCode.BLOB_UPLOAD_INVALID, "the upload was cut short before its end");
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** Hashes a whole file (a finished chunked upload). */
    public static SpooledBlob hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CappedReader.Copied copied = CappedReader.copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE - 1,
                done -> { });
            return new SpooledBlob(file, copied.digest(), copied.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Swept later with the spool directory.
            }
        }
    }
}
