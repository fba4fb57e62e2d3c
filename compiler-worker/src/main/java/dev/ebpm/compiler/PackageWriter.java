package dev.ebpm.compiler;

import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.files.AtomicFiles;
import dev.ebpm.format.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a compiled package the way eunomia's ecc lays it out, plus the ebpm package:
 * {@code <obj>.bpf.o}, {@code <obj>.skel.json} and {@code package.json} (or the {@code .yaml} forms), and
 * {@code <name>.ebpm}, and with kernel BTF ({@code --btfgen}) eunomia's btfgen tar {@code <obj>.tar}. Each file is
 * written atomically.
 */
final class PackageWriter {
    private PackageWriter() {
    }

    record Written(List<Path> files, Path ebpmFile, byte[] ebpmBytes) {
    }

    static Written write(EbpmPackage pkg, Path outDir, String stem, boolean yaml) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(put(outDir.resolve(stem + ".bpf.o"), pkg.elf()));
        if (yaml) {
            files.add(put(outDir.resolve(stem + ".skel.yaml"), Json.yaml(pkg.meta().toJson())));
            files.add(put(outDir.resolve("package.yaml"), EunomiaPackageCodec.writeYaml(pkg.toEunomia())));
        } else {
            files.add(put(outDir.resolve(stem + ".skel.json"), pkg.meta().toCanonicalJson()));
            files.add(put(outDir.resolve("package.json"), EunomiaPackageCodec.writeJson(pkg.toEunomia())));
        }
        String name = pkg.info().name();
        byte[] ebpm = EbpmPackageCodec.write(pkg);
        Path ebpmFile = put(outDir.resolve(name.substring(name.lastIndexOf('/') + 1)
            + EbpmPackageCodec.FILE_EXTENSION), ebpm);
        files.add(ebpmFile);
        if (!pkg.btfs().isEmpty()) {
            files.add(put(outDir.resolve(stem + ".tar"), EunomiaPackageCodec.writeTar(pkg.toEunomia(), stem + ".bpf.o")));
        }
        return new Written(files, ebpmFile, ebpm);
    }

    private static Path put(Path file, byte[] content) throws IOException {
        AtomicFiles.write(file, content);
        return file;
    }
}
