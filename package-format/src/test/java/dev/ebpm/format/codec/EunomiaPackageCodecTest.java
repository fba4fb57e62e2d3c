package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.SkeletonExtractor;
import dev.ebpm.format.testing.TestBpfObjects;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EunomiaPackageCodecTest {
    static EunomiaPackage testPackage() {
        byte[] elf = TestBpfObjects.bytes("btf_kinds");
        ObjectMeta meta = new ObjectMeta(SkeletonExtractor.extract(BpfObject.parse(elf), "btf_kinds_bpf"), List.of(),
            "0.3.4", dev.ebpm.format.meta.LoaderOptions.NONE, Map.of());
        return new EunomiaPackage(elf, meta);
    }

    @Test
    void jsonRoundTripKeepsTheElfByteForByte() {
        EunomiaPackage pkg = testPackage();
        byte[] json = EunomiaPackageCodec.writeJson(pkg);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"bpf_object\":\"eJ").doesNotContain("\n").contains("\"bpf_object_size\":"
            + pkg.elf().length + ",\"meta\":{\"bpf_skel\":");

        EunomiaPackage back = EunomiaPackageCodec.readJson(json, "package.json");
        assertThat(back.elf()).isEqualTo(pkg.elf());
        assertThat(back.meta()).isEqualTo(pkg.meta());
        assertThat(EunomiaPackageCodec.writeJson(back)).isEqualTo(json);
    }

    @Test
    void yamlRoundTrip() {
        EunomiaPackage pkg = testPackage();
        byte[] yaml = EunomiaPackageCodec.writeYaml(pkg);
        assertThat(new String(yaml, StandardCharsets.UTF_8)).contains("bpf_object_size: " + pkg.elf().length);
        EunomiaPackage back = EunomiaPackageCodec.readYaml(yaml, "package.yaml");
        assertThat(back.elf()).isEqualTo(pkg.elf());
        assertThat(back.meta()).isEqualTo(pkg.meta());
    }

    @Test
    void aWrongSizeIsReportedWithBothNumbers() {
        ObjectNode json = EunomiaPackageCodec.toJson(testPackage());
        int real = json.get("bpf_object_size").intValue();
        json.put("bpf_object_size", real - 1);
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(Json.canonical(json), "package.json"))
            .hasMessage("package.json: bpf_object_size: the file says " + (real - 1)
                + " bytes but bpf_object decompresses to more");
        json.put("bpf_object_size", real + 10);
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(Json.canonical(json), "package.json"))
            .hasMessage("package.json: bpf_object_size: the file says " + (real + 10)
                + " bytes but bpf_object decompresses to " + real);
    }

    @Test
    void badBase64AndBadZlibAreOneLineErrors() {
        ObjectNode json = EunomiaPackageCodec.toJson(testPackage());
        String b64 = json.get("bpf_object").asText();
        json.put("bpf_object", b64.substring(0, 40) + "\n" + b64.substring(40));
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(Json.canonical(json), "p.json"))
            .hasMessageStartingWith("p.json: bpf_object: not valid base64");
        json.put("bpf_object", Base64.getEncoder().encodeToString("not zlib at all".getBytes()));
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(Json.canonical(json), "p.json"))
            .hasMessageStartingWith("p.json: bpf_object: not valid zlib data");
        byte[] truncated = Base64.getDecoder().decode(b64);
        json.put("bpf_object", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(truncated, 100)));
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(Json.canonical(json), "p.json"))
            .hasMessage("p.json: bpf_object: the zlib data is truncated");
    }

    @Test
    void legacyFormatsAreRefusedClearly() {
        // Pre-0.3 eunomia packages had no bpf_object_size and a different meta.
        String legacy = "{\"bpf_object\":\"eJwDAAAAAAE=\",\"meta\":{\"bpf_skel\":{}}}";
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(legacy.getBytes(), "old.json"))
            .hasMessage("old.json: bpf_object_size: missing, expected an integer");
        String older = "{\"name\":\"x\",\"data\":\"...\",\"maps\":[],\"progs\":[]}";
        assertThatThrownBy(() -> EunomiaPackageCodec.readJson(older.getBytes(), "older.json"))
            .hasMessage("older.json: bpf_object: missing, expected a string");
    }

    @Test
    void unknownTopLevelKeysSurvive() {
        ObjectNode json = EunomiaPackageCodec.toJson(testPackage());
        json.put("signature", "abc");
        EunomiaPackage back = EunomiaPackageCodec.readJson(Json.canonical(json), "p.json");
        JsonNode again = Json.parse(EunomiaPackageCodec.writeJson(back));
        assertThat(again.get("signature").asText()).isEqualTo("abc");
    }
}
