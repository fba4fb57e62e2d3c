package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.PackageEdit;
import dev.ebpm.ecli.testing.TestPackages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes wrong is one line (plus the verifier's log) and a non-zero exit, and nothing stays loaded. */
class FailuresTest extends KernelTest {
    @Test
    void aVerifierRejectionShowsTheEndOfTheVerifierLog() {
        EcliProcess ecli = EcliProcess.run(30, "run", TestPackages.fixture("rejected").resolve("package.json").toString());
        assertThat(ecli.exitCode()).isEqualTo(1);
        String err = ecli.errText();
        assertThat(err).startsWith("ecli: error: the kernel refused to load program 'unchecked' "
            + "(tp/sched/sched_process_exec): Permission denied (errno 13)")
            .contains("the verifier said (last lines):").contains("invalid mem access 'map_value_or_null'")
            .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A package edited to be wrong in one way, and the one line ecli must answer. */
    record BadEdit(String what, String fixture, Consumer<ObjectNode> edit, String error) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<BadEdit> badEdits() {
        return Stream.of(
            new BadEdit("a missing tracepoint", "config",
                root -> PackageEdit.prog(root, "report").put("attach", "tracepoint/sched/no_such_event"),
                "ecli: error: tracepoint sched/no_such_event does not exist on this kernel (program 'report'); see "
                    + "/sys/kernel/tracing/events for the ones that do"),
            new BadEdit("a missing kernel function", "unlinks",
                root -> PackageEdit.prog(root, "on_call").put("attach", "fentry/no_such_function_here"),
                "ecli: error: kernel function no_such_function_here does not exist on this kernel (program 'on_call')"),
            new BadEdit("a missing BTF tracepoint", "procs",
                root -> PackageEdit.prog(root, "on_proc").put("attach", "tp_btf/no_such_tracepoint"),
                "ecli: error: tracepoint no_such_tracepoint does not exist on this kernel (program 'on_proc')"),
            new BadEdit("an attach of the wrong kind", "config",
                root -> PackageEdit.prog(root, "report").put("attach", "xdp"),
                "ecli: error: bad package: progs[name=report].attach \"xdp\" is a different kind of program than its "
                    + "section \"tp/sched/sched_process_exec\"; only the target can change (for example another "
                    + "tracepoint)"),
            new BadEdit("a map key that does not fit", "config",
                root -> PackageEdit.map(root, "settings").putArray("data").addObject().put("key", "one")
                    .putObject("value"),
                "ecli: error: bad package: maps[name=settings].data[0].key: expected an integer (__u32), found the "
                    + "string \"one\""),
            new BadEdit("an unknown export member", "config",
                root -> ((ArrayNode) root.get("meta").get("export_types").get(0).get("members")).addObject()
                    .put("name", "nope").put("type", "int"),
                "ecli: error: bad package: export_types[0].members[4]: struct reading has no member 'nope'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEdits")
    void aBadEditIsOneLineNamingWhatIsWrong(BadEdit bad) {
        Path pkg = PackageEdit.edit(TestPackages.fixture(bad.fixture()).resolve("package.json"), bad.edit());
        EcliProcess ecli = EcliProcess.run(30, "run", pkg.toString());
        assertThat(ecli.exitCode()).isEqualTo(1);
        assertThat(ecli.err()).as(ecli.errText()).containsExactly(bad.error());
    }

    @Test
    void aKernelThatForbidsTrampolinesIsExplained() {
        Assumptions.assumeFalse(Trampolines.allowed(), "this kernel allows fentry programs");
        EcliProcess ecli = EcliProcess.run(30, "run", TestPackages.fixture("unlinks").resolve("package.json").toString());
        assertThat(ecli.exitCode()).isEqualTo(1);
        assertThat(ecli.errText()).isEqualTo("ecli: error: the kernel refused to load program 'on_call' "
            + "(fentry/do_unlinkat): Operation not permitted (errno 1); this kernel does not let fentry, fexit and lsm "
            + "programs attach (they need BPF trampolines), even as root");
    }

    @Test
    void withoutPrivilegesTheErrorSaysSo() {
        // Root without any capability (an empty bounding set) can still read the classpath but not load BPF.
        EcliProcess ecli = EcliProcess.startWithPrefix(java.util.List.of("setpriv", "--bounding-set=-all",
            "--inh-caps=-all"), "run", TestPackages.example("opensnoop").toString());
        assertThat(ecli.waitFor(30)).isEqualTo(1);
        assertThat(ecli.errText()).isEqualTo("ecli: error: loading eBPF programs needs root, or the CAP_BPF and "
            + "CAP_PERFMON capabilities; run ecli with sudo");
    }
}
