package dev.ebpm.format.reference;

import dev.ebpm.format.PackageFormatException;

import java.util.regex.Pattern;

/**
 * A movable tag, checked: an OCI tag ({@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}) that is not a version
 * number, because a version is its own, immutable, tag. {@code latest} is one, which registries compute
 * unless it is set.
 */
public record TagName(String value) {
    public static final String LATEST = "latest";
    private static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public TagName {
        String problem = problem(value);
        if (problem != null) {
            throw new PackageFormatException(problem);
        }
    }

    public static TagName parse(String text) {
        return new TagName(text);
    }

    /** The OCI tag grammar, which version numbers also match. */
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

    public boolean isLatest() {
        return value.equals(LATEST);
    }

    @Override
    public String toString() {
        return value;
    }
}
