package dev.ebpm.format.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PackageFormatTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theContentDecides() {
        byte[] ebpm = EbpmPackageCodec.write(EbpmPackageCodecTest.pkg());
        assertThat(PackageFormat.detect(ebpm, null)).isEqualTo(PackageFormat.EBPM);
        assertThat(PackageFormat.detect(ebpm, "application/json")).isEqualTo(PackageFormat.EBPM);
        assertThat(PackageFormat.detect(text("\ufeff \n {\"bpf_object\": 1}"), null))
            .isEqualTo(PackageFormat.EUNOMIA_JSON);
        assertThat(PackageFormat.detect(text("{}"), "application/yaml")).isEqualTo(PackageFormat.EUNOMIA_JSON);
        assertThat(PackageFormat.detect(text("bpf_object: abc\nmeta: {}\n"), null)).isEqualTo(PackageFormat.EUNOMIA_YAML);
    }

    @Test
    void aTypeOnlyBreaksTiesAndBinaryIsReadAsAnEbpmPackage() {
        byte[] binary = {0x7f, 'E', 'L', 'F', 0, 1, 2};
        assertThat(PackageFormat.detect(binary, null)).isEqualTo(PackageFormat.EBPM);
        assertThat(PackageFormat.detect(text("- not: json"), "application/json")).isEqualTo(PackageFormat.EUNOMIA_JSON);
        assertThat(PackageFormat.detect(text("plain"), "application/vnd.ebpm.package.v1+tar"))
            .isEqualTo(PackageFormat.EBPM);
        byte[] cut = new byte[9000];
        java.util.Arrays.fill(cut, (byte) 'a');
        cut[8191] = (byte) 0xc3; // the first byte of a two-byte character, cut at the sniffing boundary
        cut[8192] = (byte) 0xa9;
        assertThat(PackageFormat.detect(cut, null)).isEqualTo(PackageFormat.EUNOMIA_YAML);
    }

    @Test
    void fileNamesChooseTheFormatToWrite() {
        assertThat(PackageFormat.forFileName("out/package.JSON")).isEqualTo(PackageFormat.EUNOMIA_JSON);
        assertThat(PackageFormat.forFileName("p.yml")).isEqualTo(PackageFormat.EUNOMIA_YAML);
        assertThat(PackageFormat.forFileName("sigsnoop-1.0.0.ebpm")).isEqualTo(PackageFormat.EBPM);
        assertThat(PackageFormat.forFileName("sigsnoop")).isEqualTo(PackageFormat.EBPM);
    }
}
