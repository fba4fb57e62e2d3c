package dev.ebpm.format.artifact;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EbpmPackageCodecTest;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageArtifactTest {
    private final EbpmPackage pkg = EbpmPackageCodecTest.pkg();

    @Test
    void aPackageIsAlwaysTheSameArtifact() {
        PackageArtifact a = PackageArtifact.of(pkg);
        PackageArtifact b = PackageArtifact.of(pkg);
        assertThat(a.manifest()).isEqualTo(b.manifest());
        assertThat(a.config()).isEqualTo(b.config());
        assertThat(a.layer()).isEqualTo(b.layer());
        OciManifest m = OciManifest.parse(a.manifest());
        assertThat(m.artifactType()).isEqualTo(PackageArtifact.ARTIFACT_TYPE);
        assertThat(m.config().mediaType()).isEqualTo(PackageConfig.MEDIA_TYPE);
        assertThat(m.layers()).singleElement().satisfies(l -> {
            assertThat(l.mediaType()).isEqualTo("application/vnd.ebpm.bpf.object.v1+zstd");
            assertThat(l.annotations()).containsEntry("org.opencontainers.image.title", "object.bpf.o.zst");
        });
        assertThat(m.annotations()).containsEntry("org.opencontainers.image.version", "1.0.0");
        assertThat(Json.canonical(Json.parse(a.manifest()))).isEqualTo(a.manifest());
    }

    @Test
    void theArtifactOpensToTheSamePackageAndTheSameEbpmFile() {
        PackageArtifact a = PackageArtifact.of(pkg);
        EbpmPackage back = PackageArtifact.open(OciManifest.parse(a.manifest()), a.config(), a.layer());
        assertThat(back.info()).isEqualTo(pkg.info());
        assertThat(back.meta()).isEqualTo(pkg.meta());
        assertThat(back.elf()).isEqualTo(pkg.elf());
        assertThat(back.readme()).isEqualTo(pkg.readme());
        assertThat(EbpmPackageCodec.write(back, a.layer())).isEqualTo(EbpmPackageCodec.write(pkg));
    }

    @Test
    void blobsThatAreNotTheManifestsAreRefused() {
        PackageArtifact a = PackageArtifact.of(pkg);
        OciManifest m = OciManifest.parse(a.manifest());
        assertThatThrownBy(() -> PackageArtifact.open(m, a.layer(), a.layer()))
            .isInstanceOf(PackageFormatException.class).hasMessageStartingWith("config: the blob is not the one");
        byte[] otherLayer = EbpmPackageCodec.compressObject("not the object".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PackageArtifact.open(m, a.config(), otherLayer))
            .hasMessageStartingWith("layer: the blob is not the one");
    }

    @Test
    void aLayerThatInflatesBeyondTheConfigsSizeIsRefusedBeforeInflating() {
        PackageArtifact a = PackageArtifact.of(pkg);
        byte[] bomb = EbpmPackageCodec.compressObject(new byte[50 << 20]);
        String config = new String(a.config(), StandardCharsets.UTF_8);
        PackageArtifact evil = PackageArtifact.of(pkg, bomb);
        OciManifest m = OciManifest.parse(evil.manifest());
        assertThat(config).contains("\"size\":");
        assertThatThrownBy(() -> PackageArtifact.open(m, evil.config(), bomb))
            .hasMessageContaining("the zstd frame holds 52428800 bytes");
    }

    @Test
    void manifestErrorsNameTheField() {
        assertThatThrownBy(() -> OciManifest.parse("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("manifest.schemaVersion");
        assertThatThrownBy(() -> OciManifest.parse(("{\"schemaVersion\":2,\"mediaType\":\""
            + OciManifest.INDEX_MEDIA_TYPE + "\",\"manifests\":[]}").getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("only image manifests");
        assertThatThrownBy(() -> OciManifest.parse(("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\","
            + "\"digest\":\"sha256:abc\",\"size\":1}}").getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("manifest.config.digest");
    }
}
