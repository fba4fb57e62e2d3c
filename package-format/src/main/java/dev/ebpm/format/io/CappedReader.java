package dev.ebpm.format.io;

import dev.ebpm.format.Digest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * The one capped reader: it stops with {@link SizeLimitException} as soon as more than the cap has arrived,
 * however long the stream claims or turns out to be, and hashes what it copies.
 */
public final class CappedReader {
    private static final int BUFFER = 64 * 1024;

    private CappedReader() {
    }

    /** A copy's size and SHA-256. */
    public record Copied(long size, Digest digest) {
    }

    /** The whole stream, at most {@code max} bytes of it (not hashed: a local read has nothing to check). */
    public static byte[] readAll(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, BUFFER));
        copy(in, out, max, null, null);
        return out.toByteArray();
    }

    /**
     * Copies the stream to {@code out}, at most {@code max} bytes, telling {@code progress} the bytes copied
     * so far after each read; returns the size and digest of what was copied.
     */
    public static Copied copy(InputStream in, OutputStream out, long max, LongConsumer progress) throws IOException {
        MessageDigest sha = sha256();
        long total = copy(in, out, max, progress, sha);
        return new Copied(total, new Digest(HexFormat.of().formatHex(sha.digest())));
    }

    private static long copy(InputStream in, OutputStream out, long max, LongConsumer progress, MessageDigest sha)
        throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, max - total + 1)))) > 0) {
            total += n;
            if (total > max) {
                throw new SizeLimitException(max);
            }
            if (sha != null) {
                sha.update(buf, 0, n);
            }
            out.write(buf, 0, n);
            if (progress != null) {
                progress.accept(total);
            }
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
