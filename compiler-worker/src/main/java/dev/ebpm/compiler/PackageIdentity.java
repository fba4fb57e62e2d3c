package dev.ebpm.compiler;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.meta.SkelDoc;
import dev.ebpm.format.reference.PackageName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fills in what the user did not say about the package from the source and the object. */
final class PackageIdentity {
    static final String DEFAULT_VERSION = "0.1.0";
    /** ecc's own version, from its jar (the build's version in a development tree). */
    static final String ECC_VERSION = java.util.Optional.ofNullable(PackageIdentity.class.getPackage()
        .getImplementationVersion()).orElse("dev");

    private PackageIdentity() {
    }

    static PackageInfo derive(CompileRequest.PackageOptions options, String stem, SkelDoc doc, String objectLicense)
        throws CompileException {
        String name = options.name() != null ? options.name() : PackageName.suggestFrom(stem);
        String version = options.version() != null ? options.version() : DEFAULT_VERSION;
        String description = options.description() != null ? options.description()
            : doc == null ? null : doc.summary();
        String license = options.license() != null ? options.license() : objectLicense;
        try {
            return new PackageInfo(name, version, description, license, options.keywords());
        } catch (PackageFormatException e) {
            throw new CompileException(e.getMessage());
        }
    }

    static String readme(CompileRequest.PackageOptions options, Path sourceDir) throws CompileException {
        Path file = options.readme() != null ? options.readme() : sourceDir.resolve("README.md");
        if (!Files.isRegularFile(file)) {
            if (options.readme() != null) {
                throw new CompileException(options.readme() + ": no such file (the readme)");
            }
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CompileException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
