package dev.ebpm.format;

import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodecTest;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.meta.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text that reaches a database or a terminal: bounded, and never with a NUL in it. */
class FreeTextTest {
    @Test
    void packageIdentityFieldsAreBoundedAndHaveNoNul() {
        assertThatThrownBy(() -> new PackageInfo("a", "1.0.0", "evil\0", null, List.of()))
            .hasMessage("a package description contains a NUL character (U+0000)");
        assertThatThrownBy(() -> new PackageInfo("a", "1.0.0", null, "GPL\0", List.of()))
            .hasMessageContaining("a license contains a NUL");
        assertThatThrownBy(() -> new PackageInfo("a", "1.0.0", null, "x".repeat(300), List.of()))
            .hasMessage("a license is at most 256 characters (this one has 300)");
        assertThatThrownBy(() -> new PackageInfo("a", "1.0.0", null, null, List.of("k".repeat(65))))
            .hasMessageContaining("a keyword is at most 64 characters");
        EbpmPackage p = EbpmPackageCodecTest.pkg();
        assertThatThrownBy(() -> new EbpmPackage(p.info(), p.meta(), p.elf(), "# x\0"))
            .hasMessageContaining("the README contains a NUL");
    }

    @Test
    void aNulInAnyStringOfAPackageDocumentNamesTheField() {
        String meta = new String(EbpmPackageCodecTest.pkg().meta().toCanonicalJson(), StandardCharsets.UTF_8)
            .replaceFirst("\"obj_name\":\"", "\"obj_name\":\"\\\\u0000");
        assertThatThrownBy(() -> ObjectMeta.parse(meta.getBytes(StandardCharsets.UTF_8), "meta.json"))
            .hasMessageContaining("obj_name: contains a NUL character (U+0000)");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":1},"
            + "\"layers\":[],\"annotations\":{\"k\\u0000\":\"v\"}}";
        assertThatThrownBy(() -> OciManifest.parse(manifest.getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("NUL");
    }
}
