package dev.ebpm.format.reference;

import dev.ebpm.format.PackageFormatException;

import java.util.regex.Pattern;

/**
 * A package name, checked: an OCI repository name with at most one namespace, one or two lowercase
 * components of {@code [a-z0-9]+([._-][a-z0-9]+)*} separated by {@code /}, such as {@code sigsnoop} or
 * {@code tools/sigsnoop}. The static methods state the rule for text that is not parsed yet.
 */
public record PackageName(String value) {
    /** OCI distribution implementations commonly cap repository names at 255 characters. */
    public static final int MAX_LENGTH = 255;
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    public PackageName {
        String problem = problem(value);
        if (problem != null) {
            throw new PackageFormatException(problem);
        }
    }

    public static PackageName parse(String text) {
        return new PackageName(text);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Null when the name is valid, else the reason it is not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a package name cannot be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "a package name is at most " + MAX_LENGTH + " characters";
        }
        String[] parts = name.split("/", -1);
        if (parts.length > 2) {
            return "\"" + name + "\" has more than one namespace: a package is named NAME or NAMESPACE/NAME";
        }
        for (String part : parts) {
            if (!COMPONENT.matcher(part).matches()) {
                return "\"" + name + "\" is not a valid package name: use lowercase letters, digits and single "
                    + "'.', '_' or '-' between them, with '/' between namespace parts";
            }
        }
        return null;
    }

    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /** A valid package name derived from a file or object name ({@code my_tool.bpf} gives {@code my_tool}). */
    public static String suggestFrom(String raw) {
        String s = raw.toLowerCase().replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
        return s.isEmpty() ? "package" : s;
    }
}
