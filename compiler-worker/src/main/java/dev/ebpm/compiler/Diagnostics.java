package dev.ebpm.compiler;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * clang runs in the source's directory, so it names files relative to it; these helpers make its
 * diagnostics name them relative to where the user ran ecc, and count the errors.
 */
public final class Diagnostics {
    private static final Pattern LOCATION = Pattern.compile("(?m)^(In file included from )?([^\\s/:][^:\\n]*):(\\d+):");
    private static final Pattern ERROR = Pattern.compile("(?m)^[^\\n]*:\\d+:\\d+: (fatal )?error: ");

    private Diagnostics() {
    }

    public static String withSourcePaths(String stderr, String sourceDir) {
        if (sourceDir.isEmpty() || sourceDir.equals(".")) {
            return stderr;
        }
        Matcher m = LOCATION.matcher(stderr);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String prefix = m.group(1) == null ? "" : m.group(1);
            m.appendReplacement(b, Matcher.quoteReplacement(prefix + sourceDir + "/" + m.group(2) + ":" + m.group(3)
                + ":"));
        }
        m.appendTail(b);
        return b.toString();
    }

    public static String errorCount(String stderr) {
        long n = ERROR.matcher(stderr).results().count();
        return n == 1 ? "1 error" : n + " errors";
    }
}
