package dev.ebpm.compiler.cli;

import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.UsageException;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ecc's command line: its options, their help, and the parser.
 *
 * <p>Parsed with the shared option tables rather than picocli: ecc is run once per source, and picocli's
 * start-up in a fresh JVM (about 75 ms here, measured with bench/ecc-vs-clang.sh) was a quarter of a whole
 * compile. Accepted forms: {@code --name value}, {@code --name=value}, {@code -o value}, {@code -Idir};
 * {@code --} ends the options.
 */
final class EccOptions {
    Path source;
    Path exportHeader;
    Path output;
    boolean yaml;
    final List<Path> includeDirs = new ArrayList<>();
    final List<String> cflags = new ArrayList<>();
    Path vmlinux;
    String name;
    String version;
    String description;
    String license;
    final List<String> keywords = new ArrayList<>();
    Path readme;
    Path wasm;
    Path btfgen;
    String targetArch;
    Path clang;
    Path llvmStrip;
    Path bpftool;
    Path environment;
    boolean verbose;
    boolean sandbox;
    boolean noPch;
    boolean help;
    boolean showVersion;

    /** Every option of ecc, declared once: parsing and help both come from here. */
    static final OptionTable<EccOptions> OPTIONS = OptionTable.of(
        Option.value("-o, --output", "DIR", "Where to write the outputs (default: the source's directory).",
            (o, v) -> o.output = Path.of(v)),
        Option.flag("-y, --yaml", "Write package.yaml and <obj>.skel.yaml instead of JSON.", o -> o.yaml = true),
        Option.value("-I", "DIR", "Add an include directory (repeatable).", (o, v) -> o.includeDirs.add(Path.of(v))),
        Option.value("--bpf-headers", "DIR", "Compile against the libbpf headers in DIR (DIR/bpf/bpf_helpers.h, ...) "
            + "instead of the system's (Debian's libbpf-dev).", (o, v) -> o.includeDirs.add(0, bpfHeaders(v))),
        Option.value("--cflags", "FLAGS", "Extra clang flags, split on spaces (repeatable).",
            (o, v) -> o.cflags.addAll(List.of(v.trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList())),
        Option.value("--mcpu", "CPU", "BPF CPU version to build for: v1, v2, v3 or v4 (default: v3, which kernels "
            + "from 5.1 run; v4 needs 6.6).", (o, v) -> o.cflags.add("-mcpu=" + cpu(v))),
        Option.value("-a, --additional-cflags", "FLAG", "One extra clang flag (repeatable; eunomia's spelling).",
            (o, v) -> o.cflags.add(v)),
        Option.value("--vmlinux", "FILE", "Compile against this vmlinux.h, or a BTF file (raw BTF or an ELF with "
            + ".BTF), instead of this kernel's /sys/kernel/btf/vmlinux.", (o, v) -> o.vmlinux = Path.of(v)),
        Option.value("--name", "NAME", "Package name, e.g. opensnoop or tools/opensnoop (default: from the source "
            + "file name).", (o, v) -> o.name = name(v)),
        Option.value("--version", "SEMVER", "Package version (default: 0.1.0).", (o, v) -> o.version = version(v)),
        Option.value("--description", "TEXT", "One-line description (default: the doc comment on LICENSE).",
            (o, v) -> o.description = v),
        Option.value("--license", "TEXT", "License (default: the program's LICENSE string).", (o, v) -> o.license = v),
        Option.value("--keyword", "WORD", "A search keyword (repeatable).", (o, v) -> o.keywords.add(v)),
        Option.value("--readme", "FILE", "Markdown readme to ship (default: README.md next to the source, if any).",
            (o, v) -> o.readme = Path.of(v)),
        Option.value("--wasm", "FILE.c", "Also build a wasm-bpf module: compile this user-space C for wasm32-wasi "
            + "into OUTPUT/app.wasm, with the object embedded through the generated <obj>.skel.h (and the export "
            + "types, laid out as the BPF side writes them, in <obj>.wasm.h).", (o, v) -> o.wasm = Path.of(v)),
        Option.value("--btfgen", "DIR", "Also pack, per kernel BTF file under DIR (BTFHub's ID/VERSION_ID/ARCH/"
            + "RELEASE.btf[.tar.xz], or RELEASE.btf), the minimized BTF the object needs, for kernels without "
            + "/sys/kernel/btf/vmlinux: into the .ebpm and into eunomia's btfgen tar <obj>.tar.",
            (o, v) -> o.btfgen = Path.of(v)),
        Option.value("--target-arch", "ARCH", "Build for another architecture (" + String.join(", ",
            dev.ebpm.format.arch.Architectures.KNOWN) + "; default: this machine's, recorded as any): "
            + "__TARGET_ARCH_* for libbpf's bpf_tracing.h, the package's arch, and --vmlinux must give that "
            + "architecture's vmlinux.h or BTF.", (o, v) -> o.targetArch = dev.ebpm.format.arch.Architectures.of(v)),
        Option.value("--clang", "PATH", "clang to use (default: clang-19 from PATH when installed with "
            + "llvm-strip-19, else clang).", (o, v) -> o.clang = Path.of(v)),
        Option.value("--llvm-strip", "PATH", "llvm-strip to use (default: the one that goes with the clang).",
            (o, v) -> o.llvmStrip = Path.of(v)),
        Option.value("--bpftool", "PATH", "bpftool to use (default: from PATH).", (o, v) -> o.bpftool = Path.of(v)),
        Option.flag("--sandbox", "Run clang and llvm-strip under bubblewrap: no network, only the sources, headers "
            + "and system directories visible, CPU, memory and file-size limits (for untrusted sources).",
            o -> o.sandbox = true),
        Option.flag("--no-pch", "Do not use precompiled headers (they make compiles faster, but clang then orders "
            + "the object's BTF types differently): the object is byte for byte what the hub's sandboxed workers "
            + "build, as 'ecli verify --rebuild' needs.", o -> o.noPch = true),
        Option.value("--environment", "FILE", "Also write what made the object (ecc, clang, libbpf headers, -mcpu, "
            + "the vmlinux.h digest) as JSON, in the form of the build environment a hub's provenance attests.",
            (o, v) -> o.environment = Path.of(v)),
        Option.flag("-v, --verbose", "Show each command, timings, and stack traces on errors.", o -> o.verbose = true),
        Option.flag("-h, --help", "Show this help and exit.", o -> o.help = true),
        Option.flag("-V", "Show ecc's version and exit.", o -> o.showVersion = true));

    static EccOptions parse(String[] args) {
        EccOptions o = new EccOptions();
        List<String> positional = OPTIONS.parse(List.of(args), o);
        if (o.help || o.showVersion) {
            return o;
        }
        if (positional.isEmpty()) {
            throw new UsageException("missing SOURCE.bpf.c, the eBPF program to compile");
        }
        if (positional.size() > 2) {
            throw new UsageException("unexpected argument '" + positional.get(2) + "': ecc takes one source and at "
                + "most one export header");
        }
        o.source = Path.of(positional.get(0));
        o.exportHeader = positional.size() == 2 ? Path.of(positional.get(1)) : null;
        return o;
    }

    private static String cpu(String v) {
        if (!List.of("v1", "v2", "v3", "v4").contains(v)) {
            throw new UsageException("--mcpu: expected v1, v2, v3 or v4, got \"" + v + "\" (\"probe\" and "
                + "\"generic\" are refused: the first depends on the build machine's kernel, the second is v1)");
        }
        return v;
    }

    private static Path bpfHeaders(String v) {
        Path dir = Path.of(v);
        if (!Files.isRegularFile(dir.resolve("bpf/bpf_helpers.h"))) {
            throw new UsageException("--bpf-headers: " + v + " has no bpf/bpf_helpers.h (give the directory that "
                + "holds the bpf/ headers, e.g. a libbpf build's include/)");
        }
        return dir;
    }

    private static String name(String v) {
        String problem = PackageName.problem(v);
        if (problem != null) {
            throw new UsageException("--name: " + problem);
        }
        return v;
    }

    private static String version(String v) {
        if (!SemVer.isValid(v)) {
            throw new UsageException("--version: \"" + v + "\" is not a semantic version (MAJOR.MINOR.PATCH, e.g. "
                + "1.0.0)");
        }
        return v;
    }

    static String usage() {
        StringBuilder b = new StringBuilder("""
            Usage: ecc [OPTIONS] SOURCE.bpf.c [EXPORT_HEADER.h]

            Compile an eBPF program into a package that ecli (ebpm's or eunomia-bpf's) can run.

            Writes <obj>.bpf.o, <obj>.skel.json, package.json (eunomia-bpf format) and <name>.ebpm next to the
            source, or into --output. Flags, maps, programs and event fields come from the object's BTF;
            descriptions and annotations (@cmdarg, @sample, @tchook, @xdpopts, ...) from /// doc comments.
            EXPORT_HEADER.h holds the structs of the events the program sends to user space. With --wasm, the
            user-space C of a wasm-bpf tool is built too: OUTPUT/app.wasm, which 'ecli run' runs.

            Options:
            """);
        b.append(OPTIONS.help(28, 110));
        b.append("""

            Examples:
              ecc opensnoop.bpf.c opensnoop.h
              ecc -o out --name tools/opensnoop --version 1.2.0 opensnoop.bpf.c opensnoop.h
              ecc -o out proclife.bpf.c proclife.h --wasm proclife.c
            """);
        return b.toString();
    }
}
