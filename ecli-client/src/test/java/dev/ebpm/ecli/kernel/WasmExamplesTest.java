package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wasm-bpf examples, built by ecc --wasm and run from their app.wasm: their user-space logic (lifetimes
 * computed and filtered in the module; a top-N read and cleared through wasm_bpf_map_operate) shows in what
 * they print about the activity the test causes.
 */
class WasmExamplesTest extends KernelTest {
    @Test
    void proclifePrintsTheLifetimeOfAProcessAndFiltersShortOnes() throws Exception {
        String module = TestPackages.wasmExample("proclife").toString();
        try (EcliProcess p = EcliProcess.start("run", module, "--min-duration-ms", "250")) {
            assertThat(p.awaitOutput("LIFETIME_MS", 60)).as(p.errText()).isTrue();
            Thread.sleep(300);
            assertThat(sh("/bin/true")).isZero();
            assertThat(sh("/bin/sleep", "0.4")).isZero();
            assertThat(p.awaitOutput(" sleep ", 10)).as(p.errText() + p.outText()).isTrue();
            p.signal("TERM");
            assertThat(p.waitFor(30)).as(p.errText()).isZero();
            String line = p.out().stream().filter(l -> l.contains(" sleep ")).findFirst().orElseThrow();
            List<String> cols = List.of(line.trim().split("\\s+"));
            assertThat(Double.parseDouble(cols.get(3))).isBetween(380.0, 5000.0);
            assertThat(cols.get(4)).isEqualTo("0");
            assertThat(p.outText()).doesNotContain(" true ");
        }
    }

    @Test
    void syscalltopPrintsTheBusiestProcessEveryIntervalAndStopsAfterCount() throws Exception {
        String module = TestPackages.wasmExample("syscalltop").toString();
        try (EcliProcess p = EcliProcess.start("run", module, "--interval", "1", "--top", "5", "--count", "3")) {
            assertThat(p.awaitOutput("Counting system calls", 60)).as(p.errText()).isTrue();
            // A second or two of one-byte reads and writes: by far the most system calls of anything here.
            assertThat(sh("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=500000", "status=none")).isZero();
            assertThat(p.waitFor(60)).as(p.errText()).isZero();
            long intervals = p.out().stream().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  \\d+ processes")).count();
            assertThat(intervals).isEqualTo(3);
            assertThat(p.out()).anySatisfy(l -> assertThat(l).matches("\\d+\\s+dd\\s+\\d{5,}"));
        }
    }
}
