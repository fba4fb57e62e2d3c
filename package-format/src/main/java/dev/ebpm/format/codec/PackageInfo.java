package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.FreeText;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.json.JsonFields;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;

import java.util.List;

/**
 * What a package says about itself besides its program: name and SemVer version (both validated),
 * a one-line description, the license string, search keywords, and the architecture it was built for
 * ({@code ecc --target-arch}; null, as for most CO-RE packages, when it runs on any). Description, license
 * and arch may be null.
 */
public record PackageInfo(String name, String version, String description, String license, List<String> keywords,
                          String arch) {
    public static final int MAX_KEYWORDS = 10;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_KEYWORD = 64;
    /** An SPDX expression or a short name; longer text is not a license string. */
    public static final int MAX_LICENSE = 256;

    /** A package for any architecture, as most CO-RE packages are. */
    public PackageInfo(String name, String version, String description, String license, List<String> keywords) {
        this(name, version, description, license, keywords, null);
    }

    public PackageInfo withArch(String newArch) {
        return new PackageInfo(name, version, description, license, keywords, newArch);
    }

    public PackageInfo {
        if (arch != null && !Architectures.isKnown(arch)) {
            throw new PackageFormatException("arch \"" + arch + "\": expected one of " + Architectures.KNOWN);
        }
        String nameProblem = PackageName.problem(name);
        if (nameProblem != null) {
            throw new PackageFormatException(nameProblem);
        }
        try {
            SemVer.parse(version);
        } catch (IllegalArgumentException e) {
            throw new PackageFormatException(e.getMessage());
        }
        keywords = List.copyOf(keywords);
        if (keywords.size() > MAX_KEYWORDS) {
            throw new PackageFormatException("a package has at most " + MAX_KEYWORDS + " keywords");
        }
        FreeText.check("a package description", description, MAX_DESCRIPTION);
        FreeText.check("a license", license, MAX_LICENSE);
        for (String k : keywords) {
            FreeText.check("a keyword", k, MAX_KEYWORD);
        }
    }

    /** Writes the fields {@link #read} reads; absent description and license are left out. */
    public void writeTo(ObjectNode o) {
        o.put("name", name);
        o.put("version", version);
        if (description != null) {
            o.put("description", description);
        }
        if (license != null) {
            o.put("license", license);
        }
        ArrayNode kw = o.putArray("keywords");
        keywords.forEach(kw::add);
        if (arch != null) {
            o.put("arch", arch);
        }
    }

    /** Reads the identity fields of a manifest or config document; a bad value names the document. */
    public static PackageInfo read(JsonFields f) {
        String name = f.requiredString("name");
        String version = f.requiredString("version");
        try {
            return new PackageInfo(name, version, f.string("description"), f.string("license"), f.strings("keywords"),
                f.string("arch"));
        } catch (PackageFormatException e) {
            throw JsonFields.error(f.path(), e.getMessage());
        }
    }
}
