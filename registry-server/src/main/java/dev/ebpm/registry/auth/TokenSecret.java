package dev.ebpm.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Token secrets: {@code ebpm_} and 40 random base62 characters (238 bits), the prefix letting secret
 * scanners find leaked ones. Only {@link #hash} is stored.
 */
public final class TokenSecret {
    public static final String PREFIX = "ebpm_";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecret() {
    }

    public static String generate() {
        StringBuilder s = new StringBuilder(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public static boolean looksValid(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() >= PREFIX.length() + 16
            && secret.length() <= 200;
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What listings show of a token: enough to recognise it, useless to an attacker. */
    public static String hint(String secret) {
        return secret.substring(0, PREFIX.length() + 4) + "…";
    }
}
