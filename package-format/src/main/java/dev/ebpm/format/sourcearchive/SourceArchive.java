package dev.ebpm.format.sourcearchive;

import dev.ebpm.format.PackageFormatException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A build's source archive (tar.gz), checked before anything else sees it, as crates.io checks crates:
 * only regular files and directories, relative paths of plain names without {@code ..}, at most
 * {@code maxFiles} files and {@code maxUnpacked} bytes counted on the decompressed side (so a gzip bomb
 * stops at the cap), and exactly one {@code *.bpf.c}, the program.
 */
public final class SourceArchive {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");
    public static final String PROGRAM_SUFFIX = ".bpf.c";
    /** The registry's default caps (ebpm.builds.max-files, max-unpacked-size), which clients check against too. */
    public static final int DEFAULT_MAX_FILES = 100;
    public static final long DEFAULT_MAX_UNPACKED = 5L << 20;

    private final Map<String, byte[]> files;

    private SourceArchive(Map<String, byte[]> files) {
        this.files = files;
    }

    /** Reads and checks an archive; every problem is a {@link PackageFormatException} saying what is wrong. */
    public static SourceArchive read(byte[] archive, int maxFiles, long maxUnpacked) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
            new ByteArrayInputStream(archive)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = e.getName();
                if (!e.isCheckSumOK()) {
                    throw invalid("the tar header of \"" + path + "\" fails its checksum (damaged or altered)");
                }
                if (e.isSymbolicLink() || e.isLink()) {
                    throw invalid(path + " is a link; send the file itself");
                }
                String clean = path.startsWith("./") ? path.substring(2) : path;
                clean = clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
                if (clean.isEmpty() && e.isDirectory()) {
                    continue;
                }
                if (path.startsWith("/") || !SAFE_PATH.matcher(clean).matches()
                    || List.of(clean.split("/")).contains("..")) {
                    throw invalid("\"" + path + "\" is not a safe relative path (no absolute paths, no .., plain "
                        + "file names)");
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (!e.isFile()) {
                    throw invalid(path + " is not a regular file");
                }
                if (!seen.add(clean)) {
                    throw invalid(clean + " is in the archive twice");
                }
                if (files.size() + 1 > maxFiles) {
                    throw invalid("more than " + maxFiles + " files");
                }
                byte[] content = drain(tar, maxUnpacked - total, maxUnpacked);
                total += content.length;
                files.put(clean, content);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("not a valid tar.gz archive (" + e.getMessage() + ")");
        }
        long programs = files.keySet().stream().filter(f -> f.endsWith(PROGRAM_SUFFIX)).count();
        if (programs != 1) {
            throw invalid("the sources must hold exactly one *" + PROGRAM_SUFFIX + " file, found " + programs);
        }
        return new SourceArchive(files);
    }

    /** File paths and sizes, in archive order. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        files.forEach((k, v) -> out.put(k, v.length));
        return out;
    }

    /** The program's path in the archive. */
    public String program() {
        return files.keySet().stream().filter(f -> f.endsWith(PROGRAM_SUFFIX)).findFirst().orElseThrow();
    }

    /**
     * The user-space C of a wasm-bpf tool: {@code NAME.c} next to {@code NAME.bpf.c}, as eunomia's wasm-bpf
     * examples lay them out; its presence makes the build a wasm module.
     */
    public java.util.Optional<String> wasmSource() {
        String program = program();
        String c = program.substring(0, program.length() - PROGRAM_SUFFIX.length()) + ".c";
        return files.containsKey(c) ? java.util.Optional.of(c) : java.util.Optional.empty();
    }

    /**
     * Writes the files under {@code dir}, which must be empty: new files only, never following a link, so
     * nothing lands outside it.
     */
    public void extractTo(Path dir) throws IOException {
        Path root = dir.toRealPath();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = root.resolve(f.getKey()).normalize();
            if (!target.startsWith(root)) {
                throw invalid(f.getKey() + " lies outside the build directory");
            }
            Files.createDirectories(target.getParent());
            if (!target.getParent().toRealPath().startsWith(root)) {
                throw invalid(f.getKey() + " lies outside the build directory");
            }
            Files.write(target, f.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static byte[] drain(InputStream in, long budget, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int r;
        while ((r = in.read(buf)) > 0) {
            out.write(buf, 0, r);
            if (out.size() > budget) {
                throw invalid("the sources unpack to more than " + max + " bytes");
            }
        }
        return out.toByteArray();
    }

    private static PackageFormatException invalid(String why) {
        return new PackageFormatException("bad source archive: " + why);
    }
}
