package dev.ebpm.compiler;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * clang names files relative to the directory it runs in; these helpers make its diagnostics name them
 * relative to where the user ran ecc, and count the errors.
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

    /**
     * For clang run in a {@link CompileLayout}: each location under one of {@code shown}'s names has that
     * name replaced by its value ("" or "." for none); other locations are left alone.
     */
    static String withLinkedPaths(String stderr, java.util.Map<String, String> shown) {
        Matcher m = LOCATION.matcher(stderr);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String prefix = m.group(1) == null ? "" : m.group(1);
            String file = m.group(2);
            for (java.util.Map.Entry<String, String> e : shown.entrySet()) {
                if (file.startsWith(e.getKey() + "/")) {
                    String rest = file.substring(e.getKey().length() + 1);
                    String dir = e.getValue();
                    file = dir.isEmpty() || dir.equals(".") ? rest : dir + "/" + rest;
                    break;
                }
            }
            m.appendReplacement(b, Matcher.quoteReplacement(prefix + file + ":" + m.group(3) + ":"));
        }
        m.appendTail(b);
        return b.toString();
    }

    public static String errorCount(String stderr) {
        long n = ERROR.matcher(stderr).results().count();
        return n == 1 ? "1 error" : n + " errors";
    }
}
