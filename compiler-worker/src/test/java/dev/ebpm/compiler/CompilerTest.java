package dev.ebpm.compiler;

import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.testing.Commands;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompilerTest {
    /** The fixture built by hand with the same clang, flags and vmlinux.h as ecc, no precompiled header. */
    private static byte[] bareBuild(String fixture) throws Exception {
        Toolchain tools = Toolchain.discover(Toolchain.Overrides.NONE, new CommandRunner(BuildLog.silent(),
            Duration.ofMinutes(1)), TestCompiles.CACHE);
        Path src = TestCompiles.fixture(fixture);
        Path vmlinuxDir;
        try (Stream<Path> dirs = Files.list(TestCompiles.CACHE.root().resolve("vmlinux"))) {
            // The cache also holds per-boot key files and headers copied from --vmlinux; any directory with a
            // generated header will do, but not one without a header.
            vmlinuxDir = dirs.filter(d -> d.getFileName().toString().startsWith("btf-"))
                .filter(d -> Files.isRegularFile(d.resolve("vmlinux.h"))).findFirst().orElseThrow();
        }
        // The layout ecc gives clang: the directories linked under fixed names, clang run among the links.
        Path work = TestCompiles.tempDir();
        Files.createSymbolicLink(work.resolve("src"), src.getParent());
        Files.createSymbolicLink(work.resolve("vmlinux"), vmlinuxDir);
        List<String> cmd = new ArrayList<>(List.of(tools.clang().toString(), "-g", "-O2", "-target", "bpf", "-mcpu=v3",
            "-Wno-unknown-attributes", "-D__TARGET_ARCH_" + tools.targetArch(), "-fdebug-compilation-dir=.",
            "-Isrc", "-Ivmlinux"));
        tools.systemIncludes().forEach(d -> cmd.addAll(List.of("-idirafter", d.toString())));
        cmd.addAll(List.of("-c", "src/" + src.getFileName(), "-o", "bare.bpf.o"));
        Commands.run(List.of("sh", "-c", "cd " + work + " && " + String.join(" ", cmd) + " && "
            + tools.llvmStrip() + " -g bare.bpf.o"));
        return Files.readAllBytes(work.resolve("bare.bpf.o"));
    }

    @Test
    void theObjectIsByteForByteWhatBareClangAndStripProduce() throws Exception {
        CompileResult result = TestCompiles.compile("plain/counter.bpf.c", null);
        assertThat(result.pkg().elf()).isEqualTo(bareBuild("plain/counter.bpf.c"));
    }

    @Test
    void externsKeepTheirBtfAlthoughAPrecompiledHeaderWouldLoseIt() throws Exception {
        CompileResult first = TestCompiles.compile("plain/kconfig.bpf.c", null);
        CompileResult again = TestCompiles.compile("plain/kconfig.bpf.c", null);
        byte[] bare = bareBuild("plain/kconfig.bpf.c");
        assertThat(first.pkg().elf()).isEqualTo(bare);
        assertThat(again.pkg().elf()).as("the second compile skips the precompiled header at once").isEqualTo(bare);
        assertThat(BpfObject.parse(first.pkg().elf()).externsWithoutBtf()).isEmpty();
        assertThat(first.log() + again.log()).doesNotContain("failed");
    }

    /**
     * Directories of several lengths: clang-19 orders forward-declared BTF types by where they sit in memory,
     * which moved with the lengths of the paths it was given, until ecc gave it only fixed relative names. No
     * precompiled header, as in a hub build and in {@code ecli verify --rebuild}.
     */
    @Test
    void theSameSourcesGiveTheSamePackageWhereverTheyAre() throws Exception {
        Path a = copyFixtures("docs", "a");
        Path b = copyFixtures("docs", "b-" + "d".repeat(37));
        BpfCompiler bare = new BpfCompiler(TestCompiles.CACHE, BuildLog.silent(), Duration.ofMinutes(2), null, false);
        java.util.Set<String> digests = new java.util.TreeSet<>();
        for (int length = 1; length <= 61; length += 3) {
            String name = "c".repeat(length);
            Path c = copyFixtures("reproducible", name);
            digests.add(Digest.sha256(bare.compile(CompileRequest.of(c.resolve("lineage.bpf.c"),
                c.resolve("lineage.h"))).pkg().elf()).toString());
        }
        assertThat(digests).as("one object from directories of 21 lengths").hasSize(1);
        CompileResult first = TestCompiles.compile(CompileRequest.of(a.resolve("docs.bpf.c"), a.resolve("docs.h")));
        CompileResult second = TestCompiles.compile(CompileRequest.of(b.resolve("docs.bpf.c"), b.resolve("docs.h")));
        assertThat(first.ebpmDigest()).isEqualTo(second.ebpmDigest());
        assertThat(Files.readAllBytes(a.resolve("package.json"))).isEqualTo(Files.readAllBytes(b.resolve("package.json")));
        assertThat(first.written()).extracting(p -> p.getFileName().toString())
            .containsExactly("docs.bpf.o", "docs.skel.json", "package.json", "docs.ebpm");
    }

    @Test
    void packageJsonDecodesToTheObjectEccWrote() throws Exception {
        CompileResult r = TestCompiles.compile("docs/docs.bpf.c", "docs/docs.h");
        Path dir = r.ebpmFile().getParent();
        EunomiaPackage pkg = EunomiaPackageCodec.readJson(Files.readAllBytes(dir.resolve("package.json")), "p");
        assertThat(pkg.elf()).isEqualTo(Files.readAllBytes(dir.resolve("docs.bpf.o")));
        assertThat(pkg.meta()).isEqualTo(r.pkg().meta());
        assertThat(r.pkg().info().name()).isEqualTo("docs");
        assertThat(r.pkg().info().version()).isEqualTo("0.1.0");
        assertThat(r.pkg().info().description()).isEqualTo("A test program.");
        assertThat(r.pkg().info().license()).isEqualTo("GPL");
    }

    @Test
    void yamlOutputIsTheSamePackage() throws Exception {
        CompileRequest base = CompileRequest.of(TestCompiles.fixture("docs/docs.bpf.c"), TestCompiles.fixture("docs/docs.h"));
        Path out = TestCompiles.tempDir();
        CompileResult r = TestCompiles.compile(new CompileRequest(base.source(), base.exportHeader(), out, List.of(),
            List.of(), null, base.packageOptions(), true, base.tools(), null));
        EunomiaPackage pkg = EunomiaPackageCodec.readYaml(Files.readAllBytes(out.resolve("package.yaml")), "p");
        assertThat(pkg.meta()).isEqualTo(r.pkg().meta());
        assertThat(out.resolve("docs.skel.yaml")).exists();
        assertThat(out.resolve("package.json")).doesNotExist();
    }

    @Test
    void uapiHeadersResolveWithoutVmlinux() throws Exception {
        CompileResult r = TestCompiles.compile("plain/minimal.bpf.c", null);
        assertThat(r.pkg().meta().bpfSkel().progs()).singleElement()
            .satisfies(p -> assertThat(p.attach()).isEqualTo("tp/syscalls/sys_enter_write"));
    }

    @Test
    void includeDirectoriesAndExtraFlagsReachClang() throws Exception {
        CompileRequest base = CompileRequest.of(TestCompiles.fixture("plain/with_include.bpf.c"), null);
        assertThatThrownBy(() -> TestCompiles.compile(base.withOutputDir(TestCompiles.tempDir())))
            .hasMessage("clang could not compile with_include.bpf.c (1 error)");
        CompileResult r = TestCompiles.compile(new CompileRequest(base.source(), null, TestCompiles.tempDir(),
            List.of(TestCompiles.fixture("plain/inc")), List.of("-DUNUSED=1"), null, base.packageOptions(), false,
            base.tools(), null));
        assertThat(r.pkg().meta().bpfSkel().maps()).extracting(m -> m.name()).contains("counts");
    }

    /** How many instructions of the program's section are of the BPF_JMP32 class (v3 and later only). */
    private static long jmp32(byte[] elf) {
        ElfFile f = ElfFile.parse(elf);
        java.nio.ByteBuffer text = f.data(f.section("tp/syscalls/sys_enter_write").orElseThrow());
        long n = 0;
        for (int i = text.position(); i + 8 <= text.limit(); i += 8) {
            n += (text.get(i) & 0x07) == 0x06 ? 1 : 0;
        }
        return n;
    }

    @Test
    void sourcesWrittenForCurrentLibbpfHeadersCompile() throws Exception {
        CompileResult r = TestCompiles.compile("plain/newer_headers.bpf.c", null);
        assertThat(r.pkg().meta().bpfSkel().progs()).singleElement()
            .satisfies(p -> assertThat(p.attach()).isEqualTo("uretprobe//bin/bash:readline"));
    }

    @Test
    void programsAreBuiltForBpfCpuV3UnlessAskedOtherwise() throws Exception {
        CompileRequest base = CompileRequest.of(TestCompiles.fixture("plain/cpu.bpf.c"), null);
        CompileResult byDefault = TestCompiles.compile(base.withOutputDir(TestCompiles.tempDir()));
        CompileResult v1 = TestCompiles.compile(new CompileRequest(base.source(), null, TestCompiles.tempDir(),
            List.of(), List.of("-mcpu=v1"), null, base.packageOptions(), false, base.tools(), null));
        assertThat(jmp32(byDefault.pkg().elf())).isPositive();
        assertThat(jmp32(v1.pkg().elf())).isZero();
    }

    /** The arm64 build reads the argument from another register, and the package says which arch it is for. */
    @Test
    void anotherArchitectureIsBuiltAgainstItsOwnTypesAndRecorded() throws Exception {
        Path btf = Path.of("/sys/kernel/btf/vmlinux");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(btf), "this kernel exposes no BTF");
        CompileRequest base = new CompileRequest(TestCompiles.fixture("plain/regs.bpf.c"), null, TestCompiles.tempDir(),
            List.of(), List.of(), btf, CompileRequest.PackageOptions.DEFAULTS, false,
            dev.ebpm.compiler.toolchain.Toolchain.Overrides.NONE, null);
        CompileResult here = TestCompiles.compile(base);
        // This machine's BTF stands in for an arm64 kernel's (the fixture declares the one type it lacks).
        CompileResult arm = TestCompiles.compile(base.withOutputDir(TestCompiles.tempDir()).forArch("arm64", btf));
        assertThat(here.pkg().info().arch()).isNull();
        assertThat(arm.pkg().info().arch()).isEqualTo("arm64");
        assertThat(arm.pkg().elf()).isNotEqualTo(here.pkg().elf());
        assertThatThrownBy(() -> TestCompiles.compile(base.forArch("arm64", null)))
            .hasMessageStartingWith("--target-arch arm64: this machine is " + dev.ebpm.format.arch.Architectures.running());
        assertThatThrownBy(() -> TestCompiles.compile(base.forArch("vax", btf)))
            .hasMessageStartingWith("--target-arch vax: expected one of [x86_64, arm64");
        // Without the stand-in, x86_64's types have no arm64 register struct: clang's error, and what it means.
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.ebpm.format.arch.Architectures.running().equals("x86_64"));
        CompileRequest bare = new CompileRequest(base.source(), null, TestCompiles.tempDir(), List.of(),
            List.of("-DWITHOUT_STANDIN"), btf, CompileRequest.PackageOptions.DEFAULTS, false,
            dev.ebpm.compiler.toolchain.Toolchain.Overrides.NONE, null);
        assertThatThrownBy(() -> TestCompiles.compile(bare.forArch("arm64", btf)))
            .hasMessageContaining("clang could not compile regs.bpf.c (1 error); the kernel types in --vmlinux "
                + btf + " have no complete register struct for arm64")
            .hasMessageContaining("look like another architecture's kernel");
    }

    @Test
    void vmlinuxCanComeFromABtfFileOrAHeader() throws Exception {
        Path btf = Path.of("/sys/kernel/btf/vmlinux");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(btf), "this kernel exposes no BTF");
        CompileRequest base = CompileRequest.of(TestCompiles.fixture("plain/counter.bpf.c"), null);
        CompileResult fromBtf = TestCompiles.compile(new CompileRequest(base.source(), null, TestCompiles.tempDir(),
            List.of(), List.of(), btf, base.packageOptions(), false, base.tools(), null));
        Path header = TestCompiles.tempDir().resolve("my-vmlinux.h");
        Commands.run(List.of("sh", "-c", "bpftool btf dump file " + btf + " format c > " + header));
        CompileResult fromHeader = TestCompiles.compile(new CompileRequest(base.source(), null,
            TestCompiles.tempDir(), List.of(), List.of(), header, base.packageOptions(), false, base.tools(), null));
        assertThat(fromHeader.pkg().elf()).isEqualTo(fromBtf.pkg().elf());
        assertThatThrownBy(() -> TestCompiles.compile(new CompileRequest(base.source(), null, TestCompiles.tempDir(),
            List.of(), List.of(), Path.of("/nonexistent/vmlinux"), base.packageOptions(), false, base.tools(), null)))
            .hasMessage("--vmlinux /nonexistent/vmlinux: no such file");
    }

    @Test
    void clangErrorsShowFileAndLine() {
        assertThatThrownBy(() -> TestCompiles.compile("errors/syntax.bpf.c", null))
            .isInstanceOf(CompileException.class)
            .hasMessage("clang could not compile syntax.bpf.c (1 error)")
            .satisfies(e -> assertThat(((CompileException) e).details())
                .contains("syntax.bpf.c:7:9: error: use of undeclared identifier 'undefined_variable'"));
    }

    @Test
    void aMetricNameTheFormatsWouldClashWithFailsTheBuild() throws IOException {
        // bad_sample's map, annotated with a metric name ending in a suffix the text formats add.
        Path source = withAnnotation("bad_metric.bpf.c",
            "/// @metric {\"name\": \"execs_total\", \"help\": \"Execs\"}");
        assertThatThrownBy(() -> TestCompiles.compile(CompileRequest.of(source, null)))
            .hasMessageStartingWith("bad_metric.bpf.c:5: @metric: ").hasMessageContaining("found \"execs_total\"");
    }

    @Test
    void aStacksAnnotationWithoutAnIdFieldFailsTheBuild() throws IOException {
        Path source = withAnnotation("bad_stacks.bpf.c", "/// @stacks {\"map\": \"stacks\", \"top\": 5}");
        assertThatThrownBy(() -> TestCompiles.compile(CompileRequest.of(source, null)))
            .hasMessage("bad_stacks.bpf.c:5: @stacks: @stacks.kernel: or user must name the key field that holds a "
                + "stack id");
    }

    /** bad_sample's source, with its map's @sample line replaced by {@code annotation}, as {@code name}. */
    private static Path withAnnotation(String name, String annotation) throws IOException {
        Path source = TestCompiles.tempDir().resolve(name);
        Files.writeString(source, Files.readString(TestCompiles.fixture("errors/bad_sample.bpf.c"))
            .replaceFirst("/// @sample .*", java.util.regex.Matcher.quoteReplacement(annotation)));
        return source;
    }

    @Test
    void badAnnotationJsonNamesFileAndLine() {
        assertThatThrownBy(() -> TestCompiles.compile("errors/bad_sample.bpf.c", null))
            .hasMessage("bad_sample.bpf.c:5: @sample is not valid JSON: {\"interval\": 1000, \"type\": "
                + "\"log2_hist\" (Unexpected end-of-input: expected close marker for Object, line 1, column 39)");
    }

    @Test
    void aSourceWithoutProgramsIsRefused() {
        assertThatThrownBy(() -> TestCompiles.compile("errors/no_programs.bpf.c", null))
            .hasMessageStartingWith("no_programs.bpf.c has no BPF programs");
    }

    @Test
    void anEventMapWithoutHeaderNamesTheMapAndTheFix() {
        assertThatThrownBy(() -> TestCompiles.compile("errors/ringbuf_no_header.bpf.c", null))
            .hasMessage("map 'rb' is a ringbuf map, but no export header was given to describe its events: pass the "
                + "header that defines the event struct, e.g. ecc ringbuf_no_header.bpf.c ringbuf_no_header.h");
    }

    @Test
    void aHeaderThatDeclaresNoStructGivesNoExportTypeAsInEunomia() throws Exception {
        CompileResult r = TestCompiles.compile("plain/no_struct.bpf.c", "plain/no_struct.h");
        assertThat(r.pkg().meta().exportTypes()).isEmpty();
        assertThat(r.log()).contains("warning: no_struct.h declares no struct, so the package has no export type and "
            + "ecli will not print the events of map names");
    }

    @Test
    void aHeaderTheSourceDoesNotIncludeIsReported() {
        assertThatThrownBy(() -> TestCompiles.compile("errors/ringbuf_no_header.bpf.c", "errors/not_included.h"))
            .hasMessage("none of the structs of not_included.h (lonely) is in the object: does "
                + "ringbuf_no_header.bpf.c #include \"not_included.h\"?");
    }

    @Test
    void oversizedObjectsAreRefused() {
        assertThatThrownBy(() -> TestCompiles.compile("errors/too_big.bpf.c", null))
            .hasMessageContaining("over the 5242880-byte limit");
    }

    @Test
    void missingInputsAreNamed() {
        assertThatThrownBy(() -> TestCompiles.compile("nope.bpf.c", null))
            .hasMessageEndingWith("nope.bpf.c: no such file (the source)");
        assertThatThrownBy(() -> TestCompiles.compile("plain/counter.bpf.c", "nope.h"))
            .hasMessageEndingWith("nope.h: no such file (the export header)");
    }

    private static Path copyFixtures(String dir, String into) throws IOException {
        Path target = Files.createDirectories(TestCompiles.tempDir().resolve(into));
        try (Stream<Path> files = Files.list(TestCompiles.fixture(dir))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
