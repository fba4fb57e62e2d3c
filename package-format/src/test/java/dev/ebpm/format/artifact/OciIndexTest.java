package dev.ebpm.format.artifact;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodecTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OciIndexTest {
    private final EbpmPackage pkg = EbpmPackageCodecTest.pkg();

    private OciIndex twoArches() {
        PackageArtifact x86 = PackageArtifact.of(pkg.withInfo(pkg.info().withArch("x86_64")));
        PackageArtifact arm = PackageArtifact.of(pkg.withInfo(pkg.info().withArch("arm64")));
        return PackageArtifact.index(pkg.info(), List.of(x86.variant("x86_64"), arm.variant("arm64")));
    }

    @Test
    void anIndexNamesEachVariantByItsOciPlatformAndReadsBackTheSame() {
        OciIndex index = twoArches();
        String text = new String(index.toBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"architecture\":\"amd64\"", "\"architecture\":\"arm64\"", "\"os\":\"linux\"",
            "\"mediaType\":\"" + OciIndex.MEDIA_TYPE + "\"");
        assertThat(OciIndex.isIndex(index.toBytes())).isTrue();
        assertThat(OciIndex.isIndex(PackageArtifact.of(pkg).manifest())).isFalse();
        OciIndex back = OciIndex.parse(index.toBytes());
        assertThat(back).isEqualTo(index);
        assertThat(back.arches()).containsExactly("x86_64", "arm64");
        assertThat(back.variant("arm64")).isPresent();
        assertThat(back.variant("riscv64")).isEmpty();
        assertThat(back.annotations()).containsEntry("org.opencontainers.image.version", pkg.info().version());
    }

    @Test
    void badIndexesAreRefusedNamingTheField() {
        String entry = "{\"mediaType\":\"" + OciManifest.MEDIA_TYPE + "\",\"digest\":\"sha256:" + "a".repeat(64)
            + "\",\"size\":10,\"platform\":{\"architecture\":\"%s\",\"os\":\"%s\"}}";
        String head = "{\"schemaVersion\":2,\"mediaType\":\"" + OciIndex.MEDIA_TYPE + "\",\"manifests\":[";
        assertThatThrownBy(() -> parse(head + entry.formatted("amd64", "linux") + "," + entry.formatted("x86_64",
            "linux") + "]}")).hasMessageContaining("architecture x86_64 is listed twice");
        assertThatThrownBy(() -> parse(head + entry.formatted("mips", "linux") + "]}"))
            .hasMessageContaining("index.manifests[0].platform.architecture").hasMessageContaining("\"mips\"");
        assertThatThrownBy(() -> parse(head + entry.formatted("arm64", "windows") + "]}"))
            .hasMessageContaining("platform.os");
        assertThatThrownBy(() -> parse(head + "]}")).hasMessageContaining("index.manifests");
        String many = String.join(",", java.util.Collections.nCopies(OciIndex.MAX_VARIANTS + 1,
            entry.formatted("arm64", "linux")));
        assertThatThrownBy(() -> parse(head + many + "]}")).hasMessageContaining("more than the "
            + OciIndex.MAX_VARIANTS);
        assertThatThrownBy(() -> parse(head.replace("index.v1", "manifest.v1") + "]}"))
            .hasMessageContaining("index.mediaType");
        assertThatThrownBy(() -> parse(head + entry.formatted("arm64", "linux").replace("\"platform\":{"
            + "\"architecture\":\"arm64\",\"os\":\"linux\"}", "\"x\":1") + "]}")).hasMessageContaining("platform");
    }

    private static OciIndex parse(String text) {
        try {
            return OciIndex.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (PackageFormatException e) {
            throw e;
        }
    }
}
