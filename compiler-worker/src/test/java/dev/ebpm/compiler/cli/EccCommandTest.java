package dev.ebpm.compiler.cli;

import dev.ebpm.format.provenance.BuildEnvironment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EccCommandTest {
    private record Run(int exit, String err) {
    }

    private static Run ecc(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = Ecc.run(args, stream, stream);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void compilesAndReportsWhatItWrote() throws Exception {
        Path out = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-output")), "cli-");
        Run r = ecc("-o", out.toString(), "--name", "tools/docs", "--version", "2.0.0", "--keyword", "test",
            "--environment", out.resolve("environment.json").toString(), Path.of("src/test/bpf/docs/docs.bpf.c").toString(), Path.of("src/test/bpf/docs/docs.h").toString());
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.err).contains("compiled docs.bpf.c: 5 programs, 4 maps, 7 flags, exports struct doc_sample")
            .contains("wrote ").contains("docs.ebpm (sha256:");
        assertThat(out.resolve("package.json")).exists();
        assertThat(out.resolve("docs.ebpm")).exists();
        // What a rebuild compares with a hub's provenance: the same form, with the vmlinux.h compiled against.
        BuildEnvironment env = BuildEnvironment.parse(Files.readAllBytes(out.resolve("environment.json")));
        assertThat(env.tools()).containsKeys("ecc", "clang", "mcpu");
        assertThat(env.tools().get("vmlinux.h")).matches("sha256:[0-9a-f]{64}");
        assertThat(env.sandbox()).containsEntry("kind", "none");
    }

    @Test
    void compileFailuresAreOneLineWithExitOne() {
        Run r = ecc("src/test/bpf/nope.bpf.c");
        assertThat(r.exit).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err.strip()).startsWith("ecc: error: ").endsWith("nope.bpf.c: no such file (the source)")
            .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void badArgumentsExitTwo() {
        Run version = ecc("--version", "1.0", "x.bpf.c");
        assertThat(version.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(version.err).startsWith("ecc: --version: \"1.0\" is not a semantic version");
        Run name = ecc("--name", "Bad Name", "x.bpf.c");
        assertThat(name.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(name.err).contains("is not a valid package name");
        Run unknown = ecc("--frobnicate", "x.bpf.c");
        assertThat(unknown.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err).startsWith("ecc: unknown option '--frobnicate'\nTry 'ecc --help'");
        Run missing = ecc("-o");
        assertThat(missing.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err).startsWith("ecc: option '-o' needs a value: DIR");
        Run none = ecc();
        assertThat(none.err).startsWith("ecc: missing SOURCE.bpf.c");
        Run cpu = ecc("--mcpu", "probe", "x.bpf.c");
        assertThat(cpu.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cpu.err).startsWith("ecc: --mcpu: expected v1, v2, v3 or v4, got \"probe\"");
        Run three = ecc("a.bpf.c", "a.h", "b.h");
        assertThat(three.err).startsWith("ecc: unexpected argument 'b.h'");
    }

    @Test
    void optionSpellings() throws Exception {
        EccOptions o = EccOptions.parse(new String[] {"-Iinc", "-I", "inc2", "--name=x", "--cflags", "-DA=1  -DB",
            "-a", "-DC", "-y", "--mcpu", "v2", "--", "-weird.bpf.c"});
        assertThat(o.includeDirs).extracting(Path::toString).containsExactly("inc", "inc2");
        assertThat(o.name).isEqualTo("x");
        assertThat(o.cflags).containsExactly("-DA=1", "-DB", "-DC", "-mcpu=v2");
        assertThat(o.yaml).isTrue();
        assertThat(o.source).hasToString("-weird.bpf.c");
    }

    @Test
    void helpListsEveryOption() {
        Run r = ecc("--help");
        assertThat(r.exit).isZero();
        assertThat(r.err).startsWith("Usage: ecc [OPTIONS] SOURCE.bpf.c [EXPORT_HEADER.h]")
            .contains("  -o, --output DIR").contains("  --vmlinux FILE").contains("  -V ");
        Run v = ecc("-V");
        assertThat(v.err).startsWith("ecc (ebpm) ");
    }
}
