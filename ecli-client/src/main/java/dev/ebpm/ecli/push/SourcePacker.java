package dev.ebpm.ecli.push;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.sourcearchive.SourceArchive;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A directory of sources as the tar.gz a build takes: its regular files (not hidden ones, and not what
 * ecc writes there: package files, objects, skeletons), checked with the registry's own rules first so a
 * bad directory fails here with the same message.
 */
public final class SourcePacker {
    private static final List<String> OUTPUTS = List.of("package.json", "package.yaml");
    /** ecc's outputs, which a build makes again: packages, objects, meta, and a wasm tool's headers and module. */
    private static final List<String> OUTPUT_SUFFIXES = List.of(".ebpm", ".bpf.o", ".skel.json", ".skel.yaml",
        ".skel.h", ".wasm.h", ".wasm");

    private SourcePacker() {
    }

    public static byte[] pack(Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Stream<Path> list = Files.list(dir);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (Path f : list.filter(SourcePacker::isSource).sorted().toList()) {
                byte[] content = Files.readAllBytes(f);
                TarArchiveEntry e = new TarArchiveEntry(f.getFileName().toString());
                e.setSize(content.length);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot read the sources in " + dir + ": " + e.getMessage());
        }
        byte[] archive = out.toByteArray();
        try {
            SourceArchive.read(archive, SourceArchive.DEFAULT_MAX_FILES, SourceArchive.DEFAULT_MAX_UNPACKED);
        } catch (PackageFormatException e) {
            throw EcliException.failed(dir + ": " + e.getMessage());
        }
        return archive;
    }

    private static boolean isSource(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")
            && !OUTPUTS.contains(name) && OUTPUT_SUFFIXES.stream().noneMatch(name::endsWith);
    }
}
