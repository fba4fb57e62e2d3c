package dev.ebpm.ecli.flags;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.options.CommonOptions;
import dev.ebpm.ecli.options.RunOptions;
import dev.ebpm.ecli.resolve.LoadedPackage;
import dev.ebpm.ecli.resolve.LocalPackages;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.flags.ProgramFlag;
import dev.ebpm.format.object.BpfObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flags ecli generates from a package, parsed and explained without a kernel. */
class ProgramArgsTest {
    private static ProgramFlags flags(String example) throws Exception {
        LoadedPackage p = LocalPackages.parse(Files.readAllBytes(TestPackages.example(example)), example);
        return ProgramFlags.of(p.meta(), BpfObject.parse(p.elf()), p.displayName());
    }

    @Test
    void flagsComeFromVariablesWithCmdargNamesAndCompiledDefaults() throws Exception {
        ProgramFlags f = flags("opensnoop");
        assertThat(f.flags()).extracting(ProgramFlag::longName, ProgramFlag::shortName, ProgramFlag::cType,
                ProgramFlag::defaultText)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("pid_target", "p", "pid_t", "0"),
                org.assertj.core.groups.Tuple.tuple("tid_target", "t", "pid_t", "0"),
                org.assertj.core.groups.Tuple.tuple("uid_target", "u", "int", "-1"),
                org.assertj.core.groups.Tuple.tuple("failed", null, "bool", "false"));
        assertThat(flags("execsnoop").flags()).extracting(ProgramFlag::longName).doesNotContain("__eunomia_dummy_event_ptr");
    }

    @Test
    void parsesEverySpelling() throws Exception {
        var values = ProgramFlags.byVariable(ProgramArgs.parse(List.of("-p", "42", "--uid_target=1000", "-t7",
            "--failed"), flags("opensnoop")));
        assertThat(values).containsOnlyKeys("pid_target", "uid_target", "tid_target", "targ_failed");
        assertThat(values.get("pid_target").intValue()).isEqualTo(42);
        assertThat(values.get("targ_failed").booleanValue()).isTrue();
        assertThat(ProgramArgs.parse(List.of("--failed=false"), flags("opensnoop")).values())
            .singleElement().satisfies(v -> assertThat(v.booleanValue()).isFalse());
    }

    @Test
    void badValuesNameTheFlagAndTheTypeAndAreUsageErrors() {
        assertThatThrownBy(() -> ProgramArgs.parse(List.of("--pid_target", "abc"), flags("opensnoop")))
            .isInstanceOfSatisfying(EcliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
            .hasMessage("--pid_target: expected an integer (pid_t), found the string \"abc\"");
        assertThatThrownBy(() -> ProgramArgs.parse(List.of("--nope"), flags("opensnoop")))
            .hasMessage("unknown flag '--nope' for opensnoop (ecli run PACKAGE --help lists them)");
        assertThatThrownBy(() -> ProgramArgs.parse(List.of("-p"), flags("opensnoop")))
            .hasMessage("-p needs a value: <pid_t>");
        assertThatThrownBy(() -> ProgramArgs.parse(List.of("--tid_target", "99999999999"), flags("opensnoop")))
            .hasMessageContaining("out of range for pid_t");
    }

    @Test
    void helpShowsTheProgramDescriptionAndEveryFlag() throws Exception {
        var ecli = CommonOptions.TABLE.plus(RunOptions.TABLE.on((CommonOptions c) -> new RunOptions.Builder()));
        String help = ProgramHelp.render(flags("opensnoop"), ecli);
        assertThat(help).startsWith("Usage: ecli run opensnoop [FLAGS] [-- PROGRAM FLAGS]\n\nTrace open family "
            + "syscalls.\n\nProgram flags:\n")
            .contains("  -p, --pid_target <pid_t>      Process ID to trace (0: every process) (default: 0)\n")
            .contains("      --failed[=<true|false>]   Only show failed opens (default: false)\n")
            .contains("ecli's options").contains("--uprobe-binary PATH").contains("-v, --verbose");
        assertThat(ProgramHelp.render(flags("execsnoop"), ecli)).contains("Every exec() is reported")
            .endsWith("execsnoop 1.0.0\n");
    }
}
