package dev.ebpm.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest in OCI form, {@code sha256:<64 lowercase hex>}. Only sha256 is produced or accepted. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a sha256 digest is 64 lowercase hex digits, got: " + hex);
        }
    }

    public static Digest sha256(byte[] data) {
        try {
            return new Digest(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Parses {@code sha256:<hex>}; anything else is a {@link PackageFormatException} naming the text. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:") || !HEX.matcher(text.substring(7)).matches()) {
            throw new PackageFormatException("expected a digest like sha256:<64 hex digits>, found \"" + text + "\"");
        }
        return new Digest(text.substring(7));
    }

    public boolean matches(byte[] data) {
        return sha256(data).equals(this);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
