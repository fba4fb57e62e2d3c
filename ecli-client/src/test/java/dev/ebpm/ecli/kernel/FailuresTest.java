package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.loader.Kprobes;
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

    /**
     * A package edited to be wrong in one way, and the one line ecli must answer; when {@code beforeLoad},
     * {@code --dry-run} must answer it too.
     */
    record BadEdit(String what, String fixture, Consumer<ObjectNode> edit, String error, boolean beforeLoad) {
        BadEdit(String what, String fixture, Consumer<ObjectNode> edit, String error) {
            this(what, fixture, edit, error, false);
        }

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
                "ecli: error: program 'on_call' (fentry/no_such_function_here) cannot run here: kernel function "
                    + "no_such_function_here does not exist on this kernel"),
            new BadEdit("a missing BTF tracepoint", "procs",
                root -> PackageEdit.prog(root, "on_proc").put("attach", "tp_btf/no_such_tracepoint"),
                "ecli: error: program 'on_proc' (tp_btf/no_such_tracepoint) cannot run here: tracepoint "
                    + "no_such_tracepoint does not exist on this kernel"),
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
                "ecli: error: bad package: export_types[0].members[4]: struct reading has no member 'nope'", true),
            new BadEdit("an export struct smaller than its members", "config",
                root -> ((ObjectNode) root.get("meta").get("export_types").get(0)).put("size", 8),
                "ecli: error: bad package: export_types[0].members[2]: member 'tag' (offset 8, 8 bytes) lies outside "
                    + "struct reading of export_types[0].size 8 bytes", true),
            new BadEdit("a custom export member outside any record", "multi", root -> {
                ((ObjectNode) root.get("meta")).put("enable_multiple_export_types", true);
                long u32 = root.get("meta").get("export_types").get(0).get("type_id").asLong();
                PackageEdit.map(root, "execs").putObject("export_config").putArray("custom_members").addObject()
                    .put("name", "pid").put("offset", 12345678).put("btf_type_id", u32);
                PackageEdit.map(root, "exits").putObject("export_config").put("btf_type_id", u32);
            }, "ecli: error: bad package: maps[name=execs].export_config.custom_members[0]: member 'pid' (offset "
                + "12345678, 20 bytes) lies outside the largest record ring buffer execs can carry (65528 bytes)", true),
            new BadEdit("a custom member outside a sampled map's value", "example:tcpingress", root -> {
                ((ObjectNode) root.get("meta")).put("enable_multiple_export_types", true);
                long stats = root.get("meta").get("export_types").get(0).get("type_id").asLong();
                PackageEdit.map(root, "packets").putObject("export_config").putArray("custom_members").addObject()
                    .put("name", "bytes").put("offset", 8).put("btf_type_id", stats);
            }, "ecli: error: bad package: maps[name=packets].export_config.custom_members[0]: member 'bytes' (offset 8, "
                + "16 bytes) lies outside the value of map packets (16 bytes)", true),
            new BadEdit("a size for a data section", "config",
                root -> PackageEdit.map(root, "config_b.bss").put("max_entries", 2),
                "ecli: error: bad package: maps[name=config_b.bss].max_entries: map config_b.bss holds the .bss "
                    + "section, whose size is fixed", true),
            new BadEdit("a map size the kernel refuses", "config",
                root -> PackageEdit.map(root, "settings").put("max_entries", 4294967295L),
                "ecli: error: the kernel refused to create map 'settings': Argument list too long (errno 7); its "
                    + "max_entries is 4294967295"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEdits")
    void aBadEditIsOneLineNamingWhatIsWrong(BadEdit bad) {
        Path built = bad.fixture().startsWith("example:") ? TestPackages.example(bad.fixture().substring(8))
            : TestPackages.fixture(bad.fixture()).resolve("package.json");
        Path pkg = PackageEdit.edit(built, bad.edit());
        EcliProcess ecli = EcliProcess.run(30, "run", pkg.toString());
        assertThat(ecli.exitCode()).isEqualTo(1);
        assertThat(ecli.err()).as(ecli.errText()).containsExactly(bad.error());
        if (bad.beforeLoad()) {
            EcliProcess dry = EcliProcess.run(30, "run", "--dry-run", pkg.toString());
            assertThat(dry.exitCode()).isEqualTo(1);
            assertThat(dry.err()).as(dry.errText()).containsExactly(bad.error());
        }
    }

    @Test
    void programsAndMapsNamedOnTheCommandLineMustExist() {
        String pkg = TestPackages.fixture("config").resolve("package.json").toString();
        EcliProcess prog = EcliProcess.run(30, "run", "--dry-run", pkg, "--disable", "nope");
        assertThat(prog.exitCode()).isEqualTo(2);
        assertThat(prog.err()).containsExactly("ecli: error: --disable nope: the package has no program nope (it has report)");
        EcliProcess map = EcliProcess.run(30, "run", "--dry-run", pkg, "--max-entries", "nope=4");
        assertThat(map.exitCode()).isEqualTo(2);
        assertThat(map.err()).containsExactly("ecli: error: --max-entries nope: the package has no map nope (it has "
            + "settings, readings)");
        EcliProcess bad = EcliProcess.run(30, "run", "--dry-run", pkg, "--max-entries", "settings");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).containsExactly("ecli: --max-entries settings: expected MAP=N, for example events=4096",
            "Try 'ecli run --help' for more information.");
    }

    @Test
    void aKernelThatForbidsTrampolinesIsExplained() {
        Assumptions.assumeFalse(Trampolines.allowed(), "this kernel allows fentry programs");
        EcliProcess ecli = EcliProcess.run(30, "run", TestPackages.fixture("unlinks").resolve("package.json").toString());
        assertThat(ecli.exitCode()).isEqualTo(1);
        // Refused by ecli's probe before the package's object is loaded: no verifier or libbpf log.
        assertThat(ecli.errText()).isEqualTo("ecli: error: program 'on_call' (fentry/do_unlinkat) cannot run here: "
            + "this kernel does not let fentry, fexit and lsm programs attach: they need BPF trampolines, refused here "
            + "with EPERM even as root");
    }

    @Test
    void aKprobeSaysWhetherKprobesOrTheFunctionAreMissing() {
        Path pkg = TestPackages.fixture("kprobes").resolve("package.json");
        if (Kprobes.HERE.supported()) {
            // A kernel with kprobes attaches this one; the missing-function case is the one to check.
            EcliProcess ok = EcliProcess.run(30, "run", pkg.toString(), "--duration", "0");
            assertThat(ok.exitCode()).as(ok.errText()).isZero();
            Path edited = PackageEdit.edit(pkg, root -> PackageEdit.prog(root, "on_unlink")
                .put("attach", "kprobe/no_such_function_here"));
            EcliProcess missing = EcliProcess.run(30, "run", edited.toString());
            assertThat(missing.errText()).startsWith("ecli: error: cannot attach program 'on_unlink' to "
                + "kprobe/no_such_function_here: kernel function no_such_function_here does not exist on this kernel");
            return;
        }
        EcliProcess ecli = EcliProcess.run(30, "run", pkg.toString());
        assertThat(ecli.exitCode()).isEqualTo(1);
        assertThat(ecli.err()).containsExactly("ecli: error: program 'on_unlink' (kprobe/do_unlinkat) needs kprobes, "
            + "which this kernel does not offer (no kprobe PMU in /sys/bus/event_source/devices, no kprobe_events in "
            + "tracefs); do_unlinkat itself exists (it is in /proc/kallsyms)");
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
