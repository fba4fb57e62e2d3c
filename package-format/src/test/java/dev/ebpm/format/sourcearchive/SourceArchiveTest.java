package dev.ebpm.format.sourcearchive;

import dev.ebpm.format.PackageFormatException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceArchiveTest {
    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(b.length);
            tar.putArchiveEntry(e);
            tar.write(b);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] tar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar);
        }
        return out.toByteArray();
    }

    @Test
    void aGoodArchiveReads() throws IOException {
        SourceArchive a = SourceArchive.read(gzip(tar("x.bpf.c", "int x;")), 10, 1000);
        assertThat(a.program()).isEqualTo("x.bpf.c");
    }

    @Test
    void aHeaderThatFailsItsChecksumIsRefused() throws IOException {
        byte[] t = tar("x.bpf.c", "int x;");
        t[100] = '7'; // the mode field: the header no longer matches its checksum
        assertThatThrownBy(() -> SourceArchive.read(gzip(t), 10, 1000)).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("fails its checksum");
    }
}
