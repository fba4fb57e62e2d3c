package dev.ebpm.ecli.source;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a package to a file in the format its name asks for: .json/.yaml (eunomia-bpf) or .ebpm. */
public final class PackageFiles {
    private PackageFiles() {
    }

    public static void write(Path file, EbpmPackage pkg, byte[] layer) {
        String name = file.getFileName().toString();
        byte[] bytes = name.endsWith(".json") ? EunomiaPackageCodec.writeJson(pkg.toEunomia())
            : name.endsWith(".yaml") || name.endsWith(".yml") ? EunomiaPackageCodec.writeYaml(pkg.toEunomia())
            : EbpmPackageCodec.write(pkg, layer);
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw EcliException.failed("cannot write " + file + ": " + e.getMessage());
        }
    }
}
