package dev.ebpm.format.codec;

import dev.ebpm.format.Digest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class EbpmPackageCodecTest {
    public static EbpmPackage pkg() {
        return EbpmPackage.fromEunomia(EunomiaPackageCodecTest.testPackage(),
            new PackageInfo("btf-kinds", "1.0.0", "every BTF kind", "Dual BSD/GPL", List.of("test", "btf")),
            "# btf-kinds\n");
    }

    @Test
    void roundTripIsLosslessAndDeterministic() {
        byte[] first = EbpmPackageCodec.write(pkg());
        byte[] second = EbpmPackageCodec.write(pkg());
        assertThat(first).isEqualTo(second);
        assertThat(Digest.sha256(first)).isEqualTo(Digest.sha256(second));

        EbpmPackage back = EbpmPackageCodec.read(first, "x.ebpm");
        assertThat(back.elf()).isEqualTo(pkg().elf());
        assertThat(back.meta()).isEqualTo(pkg().meta());
        assertThat(back.info()).isEqualTo(pkg().info());
        assertThat(back.readme()).isEqualTo("# btf-kinds\n");
        // ebpm -> eunomia -> ebpm keeps the same bytes.
        assertThat(EbpmPackageCodec.write(EbpmPackage.fromEunomia(EunomiaPackageCodec.readJson(
            EunomiaPackageCodec.writeJson(back.toEunomia()), "p"), back.info(), back.readme()))).isEqualTo(first);
    }

    @Test
    void manifestRecordsDigestsOfEveryEntry() {
        byte[] file = EbpmPackageCodec.write(pkg());
        PackageManifest m = EbpmPackageCodec.readManifest(file, "x.ebpm");
        assertThat(m.info().name()).isEqualTo("btf-kinds");
        assertThat(m.objectUncompressedDigest()).isEqualTo(Digest.sha256(pkg().elf()));
        assertThat(m.objectUncompressedSize()).isEqualTo(pkg().elf().length);
        assertThat(m.object().size()).isLessThan(pkg().elf().length);
        assertThat(m.meta().digest()).isEqualTo(Digest.sha256(pkg().meta().toCanonicalJson()));
    }

    @Test
    void aTarHeaderThatFailsItsChecksumIsCaught() {
        byte[] file = EbpmPackageCodec.write(pkg());
        file[100] = '7'; // the first header's mode field, without fixing its checksum
        assertThatThrownBy(() -> EbpmPackageCodec.read(file, "damaged.ebpm"))
            .hasMessageContaining("damaged.ebpm").hasMessageContaining("fails its checksum");
    }

    @Test
    void aTamperedEntryIsCaught() throws IOException {
        EbpmPackage p = pkg();
        byte[] meta = p.meta().toCanonicalJson();
        byte[] good = EbpmPackageCodec.write(p);
        // Rebuild the archive with one byte of meta.json changed and the original manifest.
        var entries = entries(good);
        byte[] bad = meta.clone();
        bad[bad.length - 2] = (byte) ' ';
        entries.set(1, new Entry(EbpmPackageCodec.META, bad));
        assertThatThrownBy(() -> EbpmPackageCodec.read(tar(entries), "evil.ebpm"))
            .hasMessageStartingWith("evil.ebpm: meta.json: digest mismatch, the manifest says sha256:");
    }

    @Test
    void strayEntriesAndNonTarsAreRefused() throws IOException {
        var entries = entries(EbpmPackageCodec.write(pkg()));
        entries.add(new Entry("../../etc/passwd", new byte[] {1}));
        assertThatThrownBy(() -> EbpmPackageCodec.read(tar(entries), "evil.ebpm"))
            .hasMessageStartingWith("evil.ebpm: unexpected entry \"../../etc/passwd\"");
        assertThatThrownBy(() -> EbpmPackageCodec.read("{\"bpf_object\":1}".getBytes(), "p.json"))
            .hasMessageStartingWith("p.json: not an ebpm package");
    }

    @Test
    void invalidNamesAndVersionsAreRefused() {
        assertThatThrownBy(() -> new PackageInfo("Sig Snoop", "1.0.0", null, null, List.of()))
            .hasMessageContaining("is not a valid package name");
        assertThatThrownBy(() -> new PackageInfo("sigsnoop", "1.0", null, null, List.of()))
            .hasMessageContaining("is not a semantic version");
    }

    record Entry(String name, byte[] data) {
    }

    private static java.util.ArrayList<Entry> entries(byte[] tar) throws IOException {
        var out = new java.util.ArrayList<Entry>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new java.io.ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(new Entry(e.getName(), in.readAllBytes()));
            }
        }
        return out;
    }

    private static byte[] tar(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name());
                t.setSize(e.data().length);
                out.putArchiveEntry(t);
                out.write(e.data());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
