package dev.ebpm.registry.builds;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Checks a build's source archive (tar.gz) before anything else sees it: only regular files and
 * directories, relative paths without {@code ..}, at most {@code maxFiles} files and {@code maxUnpacked}
 * bytes counted on the decompressed side (so a gzip bomb stops at the cap), and exactly one
 * {@code *.bpf.c}, the program. Returns the files it holds.
 */
public final class SourceArchive {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");

    public record Entry(String path, long size) {
    }

    private SourceArchive() {
    }

    public static List<Entry> check(byte[] archive, int maxFiles, long maxUnpacked) {
        List<Entry> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
            new ByteArrayInputStream(archive)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = e.getName();
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
                long size = drain(tar, maxUnpacked - total, maxUnpacked);
                total += size;
                files.add(new Entry(clean, size));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("not a valid tar.gz archive (" + e.getMessage() + ")");
        }
        long programs = files.stream().filter(f -> f.path().endsWith(".bpf.c")).count();
        if (programs != 1) {
            throw invalid("the sources must hold exactly one *.bpf.c file, found " + programs);
        }
        return files;
    }

    private static long drain(InputStream in, long budget, long max) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > budget) {
                throw invalid("the sources unpack to more than " + max + " bytes");
            }
        }
        return n;
    }

    private static ApiException invalid(String why) {
        return ApiException.badRequest(ErrorCode.SOURCES_INVALID, "bad source archive: " + why);
    }
}
