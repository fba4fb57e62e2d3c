package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.PackageEdit;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ecli check}: every example can run here; what cannot is said per program, and nothing is loaded. */
class CheckTest extends KernelTest {
    @Test
    void everyExampleCanRunHere() {
        for (String example : List.of("bashreadline", "execsnoop", "opensnoop", "profile", "runqlat", "sigsnoop",
            "tcpingress", "tcpstates")) {
            EcliProcess check = EcliProcess.run(60, "check", TestPackages.example(example).toString());
            assertThat(check.exitCode()).as(example + ": " + check.outText() + check.errText()).isZero();
            assertThat(check.out().get(0)).as(example).contains(": can run here (it needs mainline ");
            assertThat(check.out().stream().filter(l -> l.startsWith("  no "))).as(example).isEmpty();
            assertThat(check.out().stream().filter(l -> l.startsWith("  ok "))).as(example).isNotEmpty();
        }
        for (String tool : List.of("proclife", "syscalltop")) {
            EcliProcess check = EcliProcess.run(60, "check", TestPackages.wasmExample(tool).toString());
            assertThat(check.exitCode()).as(tool + ": " + check.outText() + check.errText()).isZero();
            assertThat(check.outText()).as(tool).contains("can run here");
        }
    }

    @Test
    void anFentryProgramIsNotRunnableHereBeforeAnythingLoads() {
        Assumptions.assumeFalse(Trampolines.allowed(), "this kernel allows fentry programs");
        Path unlinks = TestPackages.fixture("unlinks").resolve("package.json");
        EcliProcess check = EcliProcess.run(60, "check", unlinks.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("  no    on_call (fentry/do_unlinkat): this kernel does not let fentry, fexit "
            + "and lsm programs attach: they need BPF trampolines, refused here with EPERM even as root");
        assertThat(check.out().get(0)).contains("cannot run here");
        assertThat(check.errText()).as("libbpf's warnings stay in ecli").isEmpty();

        EcliProcess json = EcliProcess.run(60, "check", "--json", unlinks.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode report = Json.parse(json.outText());
        assertThat(report.path("runnable").asBoolean()).isFalse();
        assertThat(report.path("programs").get(0).path("problems").get(0).asText()).contains("BPF trampolines");
    }

    @Test
    void missingTargetsAreNamedPerProgram() {
        Path edited = PackageEdit.edit(TestPackages.fixture("config").resolve("package.json"),
            root -> PackageEdit.prog(root, "report").put("attach", "tracepoint/sched/no_such_event"));
        EcliProcess check = EcliProcess.run(60, "check", edited.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("  no    report (tracepoint/sched/no_such_event): tracepoint "
            + "sched/no_such_event does not exist on this kernel");

        Path btf = PackageEdit.edit(TestPackages.fixture("procs").resolve("package.json"),
            root -> PackageEdit.prog(root, "on_proc").put("attach", "tp_btf/no_such_tracepoint"));
        EcliProcess tp = EcliProcess.run(60, "check", btf.toString());
        assertThat(tp.exitCode()).isEqualTo(1);
        assertThat(tp.outText()).contains("on_proc (tp_btf/no_such_tracepoint): tracepoint no_such_tracepoint does not "
            + "exist on this kernel");
        // The real tp_btf program can: this kernel runs tp_btf though it refuses trampolines.
        EcliProcess ok = EcliProcess.run(60, "check", TestPackages.fixture("procs").resolve("package.json").toString());
        assertThat(ok.exitCode()).as(ok.outText()).isZero();
    }

    @Test
    void aPackageBuiltForAnotherArchitectureIsRefusedBeforeItLoads() {
        String other = Architectures.running().equals("arm64") ? "x86_64" : "arm64";
        Path pkg = TestPackages.exampleForArch("sigsnoop", other);
        String reason = "the package was built for " + other + " (ecc --target-arch); this machine is "
            + Architectures.running();
        EcliProcess check = EcliProcess.run(60, "check", pkg.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("  no    " + reason);
        EcliProcess run = EcliProcess.run(60, "run", pkg.toString(), "--duration", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsExactly("ecli: error: " + reason);
    }

    @Test
    void notAPackageIsOneLine() {
        EcliProcess check = EcliProcess.run(60, "check", TestPackages.ROOT.resolve("README.md").toString());
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.err()).hasSize(1);
        assertThat(check.errText()).startsWith("ecli: error: ");
    }
}
