package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.PackageEdit;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flags and package values of every C type are written into the program's sections, which the program
 * sends back: what the kernel saw is what was asked for.
 */
class ValuesRunTest extends KernelTest {
    private static JsonNode firstEvent(Path pkg, String... flags) {
        String[] args = new String[flags.length + 5];
        args[0] = "run";
        args[1] = "--json";
        args[2] = pkg.toString();
        System.arraycopy(flags, 0, args, 3, flags.length);
        args[flags.length + 3] = "--duration";
        args[flags.length + 4] = "20";
        try (EcliProcess ecli = EcliProcess.start(args)) {
            ecli.awaitRunning(30);
            sh("/bin/true");
            assertThat(ecli.awaitOutput("{", 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).as(ecli.errText()).isZero();
            return Json.parse(ecli.out().stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        }
    }

    @Test
    void compiledDefaultsAreKeptWhenNothingIsGiven() {
        JsonNode s = firstEvent(TestPackages.fixture("values").resolve("package.json"));
        assertThat(s.get("i8").asInt()).isEqualTo(-1);
        assertThat(s.get("u64").asLong()).isEqualTo(4);
        assertThat(s.get("flag").asBoolean()).isFalse();
        assertThat(s.get("on_by_default").asBoolean()).isTrue();
        assertThat(s.get("name").asText()).isEqualTo("default");
        assertThat(s.get("f").asDouble()).isEqualTo(1.5);
        assertThat(s.get("m").asText()).isEqualTo("MODE_FAST");
        assertThat(s.get("from_data").asInt()).isEqualTo(9);
    }

    @Test
    void everyTypeIsWrittenFromFlags() {
        JsonNode s = firstEvent(TestPackages.fixture("values").resolve("package.json"),
            "--v_i8", "-128", "--v_u8", "255", "--v_i16", "-32768", "--v_u16", "65535", "--v_i32", "-2147483648",
            "--v_u32", "4294967295", "--v_i64", "-9223372036854775808", "--v_u64", "18446744073709551615",
            "--v_pid", "4242", "--v_uid", "1000", "--v_ul", "0x10", "--v_flag", "--v_on=false", "--v_name", "ebpm",
            "--v_f", "3.25", "--v_d", "-0.125", "--v_m", "MODE_SLOW", "--v_counter", "17", "--v_data", "-9");
        assertThat(s.get("i8").asInt()).isEqualTo(-128);
        assertThat(s.get("u8").asInt()).isEqualTo(255);
        assertThat(s.get("i16").asInt()).isEqualTo(-32768);
        assertThat(s.get("u16").asInt()).isEqualTo(65535);
        assertThat(s.get("i32").asInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(s.get("u32").asLong()).isEqualTo(4294967295L);
        assertThat(s.get("i64").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(s.get("u64").bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(s.get("pid").asInt()).isEqualTo(4242);
        assertThat(s.get("uid").asInt()).isEqualTo(1000);
        assertThat(s.get("ul").asLong()).isEqualTo(16);
        assertThat(s.get("flag").asBoolean()).isTrue();
        assertThat(s.get("on_by_default").asBoolean()).isFalse();
        assertThat(s.get("name").asText()).isEqualTo("ebpm");
        assertThat(s.get("f").asDouble()).isEqualTo(3.25);
        assertThat(s.get("d").asDouble()).isEqualTo(-0.125);
        assertThat(s.get("m").asText()).isEqualTo("MODE_SLOW");
        assertThat(s.get("counter").asInt()).isEqualTo(17);
        assertThat(s.get("from_data").asInt()).isEqualTo(-9);
    }

    @Test
    void aValueEditedInThePackageBecomesTheDefaultAndFlagsStillWin() {
        Path edited = PackageEdit.edit(TestPackages.fixture("values").resolve("package.json"), root -> {
            PackageEdit.variable(root, "v_i32").put("value", 123);
            PackageEdit.variable(root, "v_name").put("value", "edited");
            PackageEdit.variable(root, "v_m").put("value", 0);
        });
        JsonNode s = firstEvent(edited, "--v_name", "flag");
        assertThat(s.get("i32").asInt()).isEqualTo(123);
        assertThat(s.get("name").asText()).isEqualTo("flag");
        assertThat(s.get("m").asText()).isEqualTo("MODE_OFF");
    }
}
