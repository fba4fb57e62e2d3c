package dev.ebpm.ecli.trust;

/** Name patterns as the policy writes them: an exact name, {@code *}, or a prefix ending in {@code *}. */
final class Patterns {
    private Patterns() {
    }

    static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
    }
}
