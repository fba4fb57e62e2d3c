package dev.ebpm.registry.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Source archives (tar.gz) for build tests: an example's directory, or hand-made entries. */
public final class Sources {
    private Sources() {
    }

    public static byte[] example(String name) {
        return tarGz(files(name));
    }

    /** An example's sources with one more file, so no earlier build of the same sources is reused. */
    public static byte[] unique(String name, String note) {
        Map<String, byte[]> files = files(name);
        files.put("NOTE.txt", note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return tarGz(files);
    }

    private static Map<String, byte[]> files(String name) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path dir = Fixtures.ROOT.resolve("examples").resolve(name);
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static byte[] tarGz(Map<String, byte[]> files) {
        return tarGz(tar -> {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        });
    }

    public interface Writer {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    public static byte[] tarGz(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
