package dev.ebpm.compiler.cli;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * ecc's command line: its options, their help, and the parser.
 *
 * <p>Parsed by hand rather than with picocli: ecc is run once per source, and picocli's start-up in a
 * fresh JVM (about 75 ms here, measured with bench/ecc-vs-clang.sh) was a quarter of a whole compile.
 * Accepted forms: {@code --name value}, {@code --name=value}, {@code -o value}, {@code -Idir}; {@code --}
 * ends the options.
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
    Path clang;
    Path llvmStrip;
    Path bpftool;
    boolean verbose;
    boolean sandbox;
    boolean help;
    boolean showVersion;

    /** One option: its spellings, the value's label (null for a switch), its help, and what it sets. */
    private record Option(List<String> names, String label, String help, BiConsumer<EccOptions, String> set) {
    }

    private static final List<Option> OPTIONS = List.of(
        new Option(List.of("-o", "--output"), "DIR", "Where to write the outputs (default: the source's directory).",
            (o, v) -> o.output = Path.of(v)),
        new Option(List.of("-y", "--yaml"), null, "Write package.yaml and <obj>.skel.yaml instead of JSON.",
            (o, v) -> o.yaml = true),
        new Option(List.of("-I"), "DIR", "Add an include directory (repeatable).",
            (o, v) -> o.includeDirs.add(Path.of(v))),
        new Option(List.of("--cflags"), "FLAGS", "Extra clang flags, split on spaces (repeatable).",
            (o, v) -> o.cflags.addAll(List.of(v.trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList())),
        new Option(List.of("-a", "--additional-cflags"), "FLAG", "One extra clang flag (repeatable; eunomia's "
            + "spelling).", (o, v) -> o.cflags.add(v)),
        new Option(List.of("--vmlinux"), "FILE", "Compile against this vmlinux.h, or a BTF file (raw BTF or an ELF "
            + "with .BTF), instead of this kernel's /sys/kernel/btf/vmlinux.", (o, v) -> o.vmlinux = Path.of(v)),
        new Option(List.of("--name"), "NAME", "Package name, e.g. opensnoop or tools/opensnoop (default: from the "
            + "source file name).", (o, v) -> o.name = v),
        new Option(List.of("--version"), "SEMVER", "Package version (default: 0.1.0).", (o, v) -> o.version = v),
        new Option(List.of("--description"), "TEXT", "One-line description (default: the doc comment on LICENSE).",
            (o, v) -> o.description = v),
        new Option(List.of("--license"), "TEXT", "License (default: the program's LICENSE string).",
            (o, v) -> o.license = v),
        new Option(List.of("--keyword"), "WORD", "A search keyword (repeatable).", (o, v) -> o.keywords.add(v)),
        new Option(List.of("--readme"), "FILE", "Markdown readme to ship (default: README.md next to the source, "
            + "if any).", (o, v) -> o.readme = Path.of(v)),
        new Option(List.of("--clang"), "PATH", "clang to use (default: from PATH).", (o, v) -> o.clang = Path.of(v)),
        new Option(List.of("--llvm-strip"), "PATH", "llvm-strip to use (default: from PATH).",
            (o, v) -> o.llvmStrip = Path.of(v)),
        new Option(List.of("--bpftool"), "PATH", "bpftool to use (default: from PATH).",
            (o, v) -> o.bpftool = Path.of(v)),
        new Option(List.of("--sandbox"), null, "Run clang and llvm-strip under bubblewrap: no network, only the "
            + "sources, headers and system directories visible, CPU, memory and file-size limits (for untrusted "
            + "sources).", (o, v) -> o.sandbox = true),
        new Option(List.of("-v", "--verbose"), null, "Show each command, timings, and stack traces on errors.",
            (o, v) -> o.verbose = true),
        new Option(List.of("-h", "--help"), null, "Show this help and exit.", (o, v) -> o.help = true),
        new Option(List.of("-V"), null, "Show ecc's version and exit.", (o, v) -> o.showVersion = true));

    static EccOptions parse(String[] args) throws UsageException {
        EccOptions o = new EccOptions();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String spelled = arg;
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                spelled = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (!arg.startsWith("--") && arg.length() > 2) {
                spelled = arg.substring(0, 2);
                value = arg.substring(2);
            }
            Option option = find(spelled);
            if (option.label() == null) {
                if (value != null) {
                    throw new UsageException("option '" + spelled + "' takes no value");
                }
                option.set().accept(o, null);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option '" + spelled + "' needs a value: " + option.label());
                }
                value = args[++i];
            }
            option.set().accept(o, value);
        }
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
        if (o.name != null && !PackageName.isValid(o.name)) {
            throw new UsageException("--name: " + PackageName.problem(o.name));
        }
        if (o.version != null && !SemVer.isValid(o.version)) {
            throw new UsageException("--version: \"" + o.version + "\" is not a semantic version (MAJOR.MINOR.PATCH, "
                + "e.g. 1.0.0)");
        }
        return o;
    }

    private static Option find(String spelled) throws UsageException {
        for (Option option : OPTIONS) {
            if (option.names().contains(spelled)) {
                return option;
            }
        }
        throw new UsageException("unknown option '" + spelled + "'");
    }

    static String usage() {
        StringBuilder b = new StringBuilder("""
            Usage: ecc [OPTIONS] SOURCE.bpf.c [EXPORT_HEADER.h]

            Compile an eBPF program into a package that ecli (ebpm's or eunomia-bpf's) can run.

            Writes <obj>.bpf.o, <obj>.skel.json, package.json (eunomia-bpf format) and <name>.ebpm next to the
            source, or into --output. Flags, maps, programs and event fields come from the object's BTF;
            descriptions and annotations (@cmdarg, @sample, @tchook, @xdpopts, ...) from /// doc comments.
            EXPORT_HEADER.h holds the structs of the events the program sends to user space.

            Options:
            """);
        for (Option option : OPTIONS) {
            String left = "  " + String.join(", ", option.names()) + (option.label() == null ? "" : " " + option.label());
            b.append(left.length() < 28 ? String.format("%-28s", left) : left + "\n" + " ".repeat(28))
                .append(option.help()).append('\n');
        }
        b.append("""

            Examples:
              ecc opensnoop.bpf.c opensnoop.h
              ecc -o out --name tools/opensnoop --version 1.2.0 opensnoop.bpf.c opensnoop.h
            """);
        return b.toString();
    }
}
