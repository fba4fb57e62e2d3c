package dev.ebpm.registry.catalog;

import dev.ebpm.format.reference.SemVer;

import java.util.regex.Pattern;

/**
 * Rules for tag names: OCI tags ({@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}) that are not versions, because
 * a version is its own, immutable, tag.
 */
public final class TagName {
    public static final String LATEST = "latest";
    private static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private TagName() {
    }

    public static boolean isOciTag(String s) {
        return s != null && OCI_TAG.matcher(s).matches();
    }

    /** Null when {@code tag} can name a movable tag, else why not. */
    public static String problem(String tag) {
        if (!isOciTag(tag)) {
            return "\"" + tag + "\" is not a valid tag (letters, digits, '_', '.', '-', at most 128, not starting "
                + "with '.' or '-')";
        }
        if (SemVer.isValid(tag)) {
            return "\"" + tag + "\" is a version number; versions are immutable and cannot be used as movable tags";
        }
        return null;
    }
}
