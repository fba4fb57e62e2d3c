package dev.ebpm.registry.reference;

import dev.ebpm.format.Digest;
import dev.ebpm.format.FreeText;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

/**
 * Text from a request turned into a typed value, or a 400 whose code says which kind of value was wrong:
 * NAME_INVALID, VERSION_INVALID, TAG_INVALID, DIGEST_INVALID, BAD_REQUEST for free text.
 */
public final class Inputs {
    private Inputs() {
    }

    public static PackageName name(String text) {
        try {
            return PackageName.parse(text);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.NAME_INVALID, e.getMessage());
        }
    }

    public static SemVer version(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest(ErrorCode.VERSION_INVALID, "a version is required (MAJOR.MINOR.PATCH)");
        }
        try {
            return SemVer.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ErrorCode.VERSION_INVALID, e.getMessage());
        }
    }

    public static TagName tag(String text) {
        try {
            return TagName.parse(text);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.TAG_INVALID, e.getMessage());
        }
    }

    /** Anything but {@code sha256:<64 hex>} is a 400. */
    public static Digest digest(String text) {
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

    /** Free text of at most {@code max} characters without NUL; null stays null. */
    public static String text(String what, String text, int max) {
        String problem = FreeText.problem(what, text, max);
        if (problem != null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, problem);
        }
        return text;
    }

    /** Free text that must be there: 1 to {@code max} characters, not only white space, without NUL. */
    public static String requiredText(String what, String text, int max) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, what + " is required (1 to " + max + " characters)");
        }
        return text(what, text, max);
    }
}
