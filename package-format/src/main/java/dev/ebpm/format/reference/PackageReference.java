package dev.ebpm.format.reference;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;

import java.util.regex.Pattern;

/**
 * What a user names to run or pull: a package in a registry ({@code sigsnoop}, {@code sigsnoop:stable},
 * {@code sigsnoop@1.2.3}, {@code sigsnoop@sha256:…}, {@code tools/sigsnoop:latest},
 * {@code registry.example.com:5000/tools/sigsnoop:1.0.0}), an http(s) URL, a local file, or {@code -}.
 *
 * <p>A registry reference's first path part is a host when it has a dot or a port or is {@code localhost},
 * as Docker decides; otherwise the default registry is meant ({@code registry} is null). A reference with
 * neither tag nor version nor digest means {@code latest}. A tag that is a version number is that version.
 */
public record PackageReference(Kind kind, String registry, String name, String reference, String location) {
    public enum Kind { REGISTRY, URL, FILE, STDIN }

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    /** Parses what the user typed; {@code looksLikeFile} says whether a local file of that name exists. */
    public static PackageReference parse(String text, boolean isExistingFile) {
        if (text == null || text.isBlank()) {
            throw new PackageFormatException("empty package reference");
        }
        if (text.equals("-")) {
            return new PackageReference(Kind.STDIN, null, null, null, text);
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            return new PackageReference(Kind.URL, null, null, null, text);
        }
        if (isExistingFile || text.startsWith("/") || text.startsWith("./") || text.startsWith("../")
            || text.endsWith(".json") || text.endsWith(".yaml") || text.endsWith(".yml") || text.endsWith(".ebpm")) {
            return new PackageReference(Kind.FILE, null, null, null, text);
        }
        String rest = text;
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if ((first.contains(".") || first.contains(":") || first.equals("localhost")) && HOST.matcher(first).matches()) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String name;
        String ref;
        int at = rest.indexOf('@');
        if (at >= 0) {
            name = rest.substring(0, at);
            ref = rest.substring(at + 1);
            if (ref.startsWith("sha256:")) {
                Digest.parse(ref);
            } else if (!SemVer.isValid(ref)) {
                throw new PackageFormatException("\"" + text + "\": after @ comes a version (1.2.3) or a digest "
                    + "(sha256:…); use : for a tag");
            }
        } else {
            int colon = rest.lastIndexOf(':');
            name = colon < 0 ? rest : rest.substring(0, colon);
            ref = colon < 0 ? "latest" : rest.substring(colon + 1);
            if (!TagName.isOciTag(ref)) {
                throw new PackageFormatException("\"" + text + "\": \"" + ref + "\" is not a valid tag");
            }
        }
        String problem = PackageName.problem(name);
        if (problem != null) {
            throw new PackageFormatException(problem + " (and no file of that name exists)");
        }
        return new PackageReference(Kind.REGISTRY, registry, name, ref, text);
    }

    public boolean isDigest() {
        return reference != null && reference.startsWith("sha256:");
    }

    /** A version number or a digest: always the same package. */
    public boolean isPinned() {
        return isDigest() || reference != null && SemVer.isValid(reference);
    }

    /** How to write this reference back, e.g. {@code tools/sigsnoop:latest} or {@code sigsnoop@1.2.3}. */
    public String display() {
        if (kind != Kind.REGISTRY) {
            return location;
        }
        String base = (registry == null ? "" : registry + "/") + name;
        return base + (isPinned() ? "@" : ":") + reference;
    }
}
