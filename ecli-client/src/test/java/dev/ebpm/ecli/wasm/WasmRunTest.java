package dev.ebpm.ecli.wasm;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.WasmModules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ecli run MODULE.wasm}: WASI command modules built here with clang-19's wasm32-wasi target
 * (scripts/install-deps.sh installs it) run with their arguments and environment, see files only through
 * {@code --dir}, and every abuse (a trap, an unknown import, memory past the cap, a module that never
 * returns) ends in one line and the right exit code.
 */
class WasmRunTest {
    @BeforeAll
    static void build() throws IOException, InterruptedException {
        for (String name : List.of("args", "spin", "trap", "grow", "unknown", "badtype")) {
            WasmModules.module(name);
        }
    }

    private static String module(String name) {
        return WasmModules.DIR.resolve(name + ".wasm").toString();
    }

    @Test
    void argumentsAfterTheModuleAreItsOwnAndItsExitCodeIsEcli() {
        EcliProcess p = EcliProcess.runWithEnv(60, Map.of("EBPM_WASM_TEST", "seen"), "run", module("args"), "one",
            "--two", "--", "--duration", "5");
        assertThat(p.out()).containsExactly("arg 1: one", "arg 2: --two", "arg 3: --duration", "arg 4: 5",
            "env seen", "files hidden");
        assertThat(p.exitCode()).isEqualTo(4);
    }

    /** The interpreter runs what the compiler runs, traps included; a third engine is a usage error. */
    @Test
    void theInterpreterRunsModulesTooAndAnUnknownEngineIsRefused() {
        EcliProcess p = EcliProcess.run(60, "run", "--wasm-engine", "interpreter", module("args"), "one");
        assertThat(p.out()).startsWith("arg 1: one");
        assertThat(p.exitCode()).as("the module exits with its argument count").isEqualTo(1);
        EcliProcess trap = EcliProcess.run(60, "run", module("trap"), "--wasm-engine", "interpreter");
        assertThat(trap.err()).containsExactly("ecli: error: wasm module trap.wasm trapped: Trapped on unreachable "
            + "instruction");
        EcliProcess bad = EcliProcess.run(60, "run", "--wasm-engine", "jit", module("args"));
        assertThat(bad.errText()).contains("--wasm-engine jit: expected compiler or interpreter");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void filesAreVisibleOnlyThroughDir() {
        EcliProcess p = EcliProcess.run(60, "run", module("args"), "--dir", "/etc");
        assertThat(p.out()).contains("files visible");
        assertThat(p.exitCode()).isZero();
    }

    @Test
    void aTrapIsOneLineAndAFailure() {
        EcliProcess p = EcliProcess.run(60, "run", module("trap"));
        assertThat(p.out()).containsExactly("before the trap");
        assertThat(p.err()).containsExactly("ecli: error: wasm module trap.wasm trapped: Trapped on unreachable "
            + "instruction");
        assertThat(p.exitCode()).isEqualTo(1);
    }

    @Test
    void anUnknownImportIsRefusedBeforeAnythingRuns() {
        EcliProcess p = EcliProcess.run(60, "run", module("unknown"));
        assertThat(p.err()).hasSize(1);
        assertThat(p.errText()).contains("imports unknown function env.not_provided");
        assertThat(p.exitCode()).isEqualTo(1);
    }

    @Test
    void anImportOfTheWrongTypeIsRefusedBeforeAnythingRuns() {
        EcliProcess p = EcliProcess.run(60, "run", "--dry-run", module("badtype"));
        assertThat(p.err()).hasSize(1);
        assertThat(p.errText()).contains("imports wasm_bpf.wasm_close_bpf_object as").contains("but ecli provides it as");
        assertThat(p.exitCode()).isEqualTo(1);
    }

    @Test
    void memoryIsCappedAt16MiBUnlessRaised() {
        EcliProcess capped = EcliProcess.run(60, "run", module("grow"));
        assertThat(capped.errText()).contains("out of memory after 15 MiB")
            .contains("grow.wasm exited with 12 (its memory had grown to within 1 MiB of the cap of 16384 KiB");
        assertThat(capped.exitCode()).isEqualTo(12);
        EcliProcess raised = EcliProcess.run(60, "run", module("grow"), "--wasm-max-memory", "128M");
        assertThat(raised.out()).hasSize(1).first().asString().startsWith("held 64 MiB");
        assertThat(raised.exitCode()).isZero();
        EcliProcess bad = EcliProcess.run(60, "run", module("grow"), "--wasm-max-memory", "12 pages");
        assertThat(bad.errText()).contains("--wasm-max-memory 12 pages: expected a size such as 16M");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void aModuleThatNeverReturnsIsStoppedByDurationAndSigterm() {
        EcliProcess timed = EcliProcess.run(60, "run", module("spin"), "--duration", "1");
        assertThat(timed.out()).containsExactly("spinning");
        assertThat(timed.exitCode()).isZero();
        try (EcliProcess p = EcliProcess.start("run", module("spin"))) {
            assertThat(p.awaitOutput("spinning", 30)).isTrue();
            p.signal("TERM");
            assertThat(p.waitFor(30)).isZero();
        }
    }

    @Test
    void aDryRunChecksImportsAndRunsNothing() {
        EcliProcess ok = EcliProcess.run(60, "run", "--dry-run", module("args"), "one");
        assertThat(ok.out()).isEmpty();
        assertThat(ok.err()).containsExactly("ecli: dry run of args.wasm: the module, its imports and its memory are "
            + "valid");
        assertThat(ok.exitCode()).isZero();
        EcliProcess unknown = EcliProcess.run(60, "run", "--dry-run", module("unknown"));
        assertThat(unknown.errText()).contains("imports unknown function env.not_provided");
        assertThat(unknown.exitCode()).isEqualTo(1);
    }

    @Test
    void optionsThatDoNotApplyToModulesAreSaidToBeIgnored() {
        EcliProcess p = EcliProcess.run(60, "run", module("args"), "--iface", "lo");
        assertThat(p.err()).containsExactly("ecli: warning: a wasm module attaches and prints for itself: the options "
            + "for JSON output, interfaces, uprobe binaries, disabled programs and map sizes do not apply to args.wasm");
        assertThat(p.exitCode()).isZero();
    }

    @Test
    void notAModuleIsOneLine() throws IOException {
        Path fake = WasmModules.DIR.resolve("fake.wasm");
        Files.writeString(fake, "#!/bin/sh\necho not wasm\n");
        EcliProcess p = EcliProcess.run(60, "run", fake.toString());
        assertThat(p.err()).containsExactly("ecli: error: bad wasm module fake.wasm: not a WebAssembly binary (no "
            + "\\0asm header)");
        assertThat(p.exitCode()).isEqualTo(1);
    }
}
