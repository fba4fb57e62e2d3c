package dev.ebpm.format;

/**
 * The rules for free text that arrives from outside (descriptions, licenses, keywords, READMEs, reasons,
 * token names): a bounded length, and no NUL character, which PostgreSQL cannot store in text and which no
 * reader of a description or a log means.
 */
public final class FreeText {
    private FreeText() {
    }

    /** Null when {@code text} (null allowed) is acceptable as {@code what}, else why not. */
    public static String problem(String what, String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return what + " is at most " + maxLength + " characters (this one has " + text.length() + ")";
        }
        if (text.indexOf('\0') >= 0) {
            return what + " contains a NUL character (U+0000)";
        }
        return null;
    }

    /** {@code text}, or a {@link PackageFormatException} saying what is wrong with it. */
    public static String check(String what, String text, int maxLength) {
        String problem = problem(what, text, maxLength);
        if (problem != null) {
            throw new PackageFormatException(problem);
        }
        return text;
    }

    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
