package dev.ebpm.format.kernelbtf;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.codec.PackageFormat;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.io.Tars;
import dev.ebpm.format.meta.LoaderOptions;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.SkeletonExtractor;
import dev.ebpm.format.testing.TestBpfObjects;
import dev.ebpm.format.testing.TestKernelBtf;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kernel BTF inside packages: .ebpm and eunomia's btfgen tar, round trips, picking a kernel, bad archives. */
class KernelBtfPackagesTest {
    private static byte[] btf(int marker) {
        return TestKernelBtf.minimal(marker);
    }

    private static final KernelBtfArchive TWO = new KernelBtfArchive(List.of(
        new KernelBtf("ubuntu", "20.04", "x86_64", "5.4.0-42-generic", btf(1)),
        new KernelBtf(KernelBtf.ANY, KernelBtf.ANY, "arm64", "6.1.0-18-arm64", btf(2))));

    private static EbpmPackage pkg() {
        byte[] elf = TestBpfObjects.bytes("btf_kinds");
        ObjectMeta meta = new ObjectMeta(SkeletonExtractor.extract(BpfObject.parse(elf), "btf_kinds_bpf"), List.of(),
            "0.3.4", LoaderOptions.NONE, Map.of());
        return new EbpmPackage(new PackageInfo("kinds", "1.0.0", null, "GPL", List.of()), meta, elf, null, TWO);
    }

    /** As an OCI artifact the BTF is a second layer, byte for byte the .ebpm's btf.tar.zst; tampering is refused. */
    @Test
    void anArtifactCarriesTheKernelBtfAsItsSecondLayer() {
        PackageArtifact a = PackageArtifact.of(pkg());
        OciManifest m = OciManifest.parse(a.manifest());
        assertThat(m.layers()).hasSize(2);
        assertThat(m.layers().get(1).mediaType()).isEqualTo(PackageArtifact.BTF_MEDIA_TYPE);
        assertThat(PackageArtifact.btfLayer(m).digest().matches(a.btf())).isTrue();
        EbpmPackage back = PackageArtifact.open(m, a.config(), a.layer(), a.btf());
        assertThat(back.btfs().describe()).isEqualTo(TWO.describe());
        assertThat(EbpmPackageCodec.write(back, a.layer())).isEqualTo(EbpmPackageCodec.write(pkg()));
        assertThatThrownBy(() -> PackageArtifact.open(m, a.config(), a.layer()))
            .hasMessageContaining("BTF layer, which was not read");
        byte[] other = EbpmPackageCodec.compressBtf(new KernelBtfArchive(List.of(TWO.kernels().get(0))));
        assertThatThrownBy(() -> PackageArtifact.open(m, a.config(), a.layer(), other))
            .hasMessageContaining("BTF layer: the blob is not the one the manifest names");
        assertThat(OciManifest.parse(PackageArtifact.of(pkg().withBtfs(KernelBtfArchive.EMPTY)).manifest()).layers())
            .hasSize(1);
    }

    @Test
    void anEbpmPackageKeepsItsKernelBtfAndTheSameContentGivesTheSameBytes() {
        byte[] file = EbpmPackageCodec.write(pkg());
        assertThat(PackageFormat.detect(file, null)).isEqualTo(PackageFormat.EBPM);
        EbpmPackage back = EbpmPackageCodec.read(file, "kinds.ebpm");
        assertThat(back.btfs().kernels()).extracting(KernelBtf::path).containsExactly(
            "btfhub-archive/any/any/arm64/6.1.0-18-arm64.btf", "btfhub-archive/ubuntu/20.04/x86_64/5.4.0-42-generic.btf");
        assertThat(back.btfs().kernels().get(1).btf()).isEqualTo(btf(1));
        assertThat(EbpmPackageCodec.write(back)).isEqualTo(file);
        // Without kernel BTF, a package is written as before: no btf.tar entry.
        assertThat(new String(EbpmPackageCodec.write(pkg().withBtfs(KernelBtfArchive.EMPTY)),
            java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("btf.tar.zst");
    }

    @Test
    void eunomiasBtfgenTarReadsBackAndIsToldFromAnEbpmPackage() {
        EunomiaPackage eunomia = pkg().toEunomia();
        byte[] tar = EunomiaPackageCodec.writeTar(eunomia, "btf_kinds.bpf.o");
        assertThat(PackageFormat.detect(tar, null)).isEqualTo(PackageFormat.EUNOMIA_TAR);
        EunomiaPackage back = EunomiaPackageCodec.readTar(tar, "kinds.tar");
        assertThat(back.elf()).isEqualTo(eunomia.elf());
        assertThat(back.btfs().toTar()).isEqualTo(TWO.toTar());
        assertThat(PackageFormat.forFileName("x.tar")).isEqualTo(PackageFormat.EUNOMIA_TAR);
    }

    @Test
    void theRunningKernelsBtfIsPickedByReleaseAndArchitecture() {
        assertThat(TWO.pick("5.4.0-42-generic", "amd64", "ubuntu", "20.04")).map(KernelBtf::distro).contains("ubuntu");
        assertThat(TWO.pick("5.4.0-42-generic", "amd64", "debian", "12")).isPresent();
        assertThat(TWO.pick("6.1.0-18-arm64", "aarch64", null, null)).isPresent();
        assertThat(TWO.pick("6.1.0-18-arm64", "amd64", null, null)).isEmpty();
        assertThat(TWO.describe()).isEqualTo("6.1.0-18-arm64 (arm64), 5.4.0-42-generic (ubuntu 20.04, x86_64)");
    }

    @Test
    void archivesWithOtherPathsOrNoBtfAreRefused() {
        Map<String, byte[]> escape = new LinkedHashMap<>();
        escape.put("btfhub-archive/../etc/x86_64/passwd.btf", btf(0));
        assertThatThrownBy(() -> KernelBtfArchive.read(Tars.write(escape))).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("is not a distribution, version, architecture or kernel release");
        Map<String, byte[]> shallow = Map.of("btfhub-archive/5.4.btf", btf(0));
        assertThatThrownBy(() -> KernelBtfArchive.read(Tars.write(shallow))).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("is not btfhub-archive/ID/VERSION_ID/ARCH/RELEASE.btf");
        Map<String, byte[]> notBtf = Map.of("btfhub-archive/a/1/x86_64/5.4.btf", new byte[64]);
        assertThatThrownBy(() -> KernelBtfArchive.read(Tars.write(notBtf))).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("is not raw BTF");
        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("btfhub-archive/a/1/x86_64/5.4.btf", btf(0));
        twice.put("./btfhub-archive/a/1/x86_64/5.4.btf", btf(1));
        assertThatThrownBy(() -> KernelBtfArchive.read(Tars.write(twice))).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("is there twice");
        assertThatThrownBy(() -> EunomiaPackageCodec.readTar(Tars.write(Map.of("x.txt", new byte[3])), "x.tar"))
            .isInstanceOf(PackageFormatException.class).hasMessageContaining("holds package.json");
    }
}
