package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs written the way libbpf tools are written elsewhere, compiled by ecc and loaded by ecli unchanged:
 * each reproduces a fault that was found trying real sources.
 */
class ForeignSourcesTest extends KernelTest {
    @Test
    void kconfigExternsThroughUsdtHeadersLoad() {
        String pkg = TestPackages.source("compiler-worker/src/test/bpf/plain", "kconfig").resolve("package.json")
            .toString();
        EcliProcess ecli = attachAndStop(pkg);
        assertThat(ecli.errText()).contains("ecli: running kconfig").doesNotContain("failed to find BTF");
    }

    /** Runs the package until everything is attached, then stops; it must succeed. */
    private static EcliProcess attachAndStop(String pkg) {
        EcliProcess ecli = EcliProcess.run(30, "run", pkg, "--duration", "0");
        assertThat(ecli.exitCode()).as(ecli.errText()).isZero();
        return ecli;
    }

    /** The first JSON event of each map, after an exec. */
    private static List<String> firstEvents(String pkg, boolean json) {
        List<String> args = new java.util.ArrayList<>(List.of("run", pkg, "--duration", "20"));
        if (json) {
            args.add("--json");
        }
        try (EcliProcess ecli = EcliProcess.start(args.toArray(String[]::new))) {
            ecli.awaitRunning(30);
            sh("/bin/true");
            for (String map : List.of("ring", "perf")) {
                assertThat(ecli.awaitOutput(json ? "\"_map\":\"" + map + "\"" : " " + map + " ", 10))
                    .as(ecli.errText()).isTrue();
            }
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).as(ecli.errText()).isZero();
            return ecli.out();
        }
    }

    @Test
    void recordsShorterThanTheirStructPrintWhatArrived() {
        String pkg = TestPackages.fixture("varlen").resolve("package.json").toString();
        List<String> json = firstEvents(pkg, true);
        JsonNode ring = Json.parse(json.stream().filter(l -> l.contains("\"ring\"")).findFirst().orElseThrow());
        JsonNode perf = Json.parse(json.stream().filter(l -> l.contains("\"perf\"")).findFirst().orElseThrow());
        // The ring buffer's record stops five bytes into args: args is what arrived, after is absent.
        assertThat(ring.get("comm").asText()).isEqualTo("abcdefghijklmno");
        assertThat(ring.get("args").asText()).isEqualTo("hello");
        assertThat(ring.has("after")).isFalse();
        // The perf record stops eight bytes into comm.
        assertThat(perf.get("pid").asInt()).isPositive();
        assertThat(perf.get("comm").asText()).isEqualTo("abcdefgh");
        assertThat(perf.has("args")).isFalse();
        assertThat(perf.has("after")).isFalse();

        List<String> table = firstEvents(pkg, false);
        assertThat(table).anySatisfy(l -> assertThat(l).matches("\\S+ +ring +\\d+ +abcdefghijklmno +hello *"));
        assertThat(table).anySatisfy(l -> assertThat(l).matches("\\S+ +perf +\\d+ +abcdefgh *"));
    }

    @Test
    void aPackageWithNoProgramsSaysSo() {
        EcliProcess ecli = attachAndStop(TestPackages.withoutEcc("maps_only").toString());
        assertThat(ecli.errText()).contains("ecli: running maps_only: the package has no programs, so nothing is "
            + "attached; Ctrl-C to stop").doesNotContain("attached to ;");
    }

    @Test
    void anExportHeaderWithNoStructRunsWithoutAnExportType() {
        String pkg = TestPackages.source("compiler-worker/src/test/bpf/plain", "no_struct").resolve("package.json")
            .toString();
        EcliProcess ecli = attachAndStop(pkg);
        assertThat(ecli.errText()).contains("ecli: warning: map names sends events, but the package has no "
            + "export_types to decode them, so they are not printed").contains("ecli: running no_struct: attached to ");
    }

    @Test
    void aSourceForCurrentLibbpfHeadersLoadsAndAttaches() {
        String pkg = TestPackages.source("compiler-worker/src/test/bpf/plain", "newer_headers").resolve("package.json")
            .toString();
        EcliProcess ecli = attachAndStop(pkg);
        assertThat(ecli.errText()).contains("ecli: running newer_headers: attached to ");
    }
}
