package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

/** Digests as they arrive in URLs and query strings: anything but {@code sha256:<64 hex>} is a 400. */
public final class OciDigests {
    private OciDigests() {
    }

    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "a digest is required (sha256:<64 hex digits>)");
        }
        try {
            return Digest.parse(text);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, text.startsWith("sha256:")
                ? "\"" + text + "\" is not a valid sha256 digest"
                : "unsupported digest \"" + text + "\": this registry uses sha256");
        }
    }

    public static boolean looksLikeDigest(String reference) {
        return reference.contains(":");
    }
}
