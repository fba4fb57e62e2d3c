package dev.ebpm.compiler.cli;

import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.CompileResult;
import dev.ebpm.compiler.Compiler;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.reference.PackageName;
import dev.ebpm.reference.SemVer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ecc", sortOptions = false, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Compile an eBPF program into a package that ecli (ebpm's or eunomia-bpf's) can run.",
        "",
        "Writes <obj>.bpf.o, <obj>.skel.json, package.json (eunomia-bpf format) and <name>.ebpm next to the "
            + "source, or into --output. Flags, maps, programs and event fields come from the object's BTF; "
            + "descriptions and annotations (@cmdarg, @sample, @tchook, @xdpopts, ...) from /// doc comments."},
    footer = {"", "Examples:", "  ecc opensnoop.bpf.c opensnoop.h",
        "  ecc -o out --name tools/opensnoop --version 1.2.0 opensnoop.bpf.c opensnoop.h"})
public final class EccCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE.bpf.c", description = "The eBPF C source.")
    Path source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EXPORT_HEADER.h",
        description = "Header whose structs describe the events the program sends to user space.")
    Path exportHeader;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the outputs "
        + "(default: the source's directory).")
    Path output;

    @Option(names = {"-y", "--yaml"}, description = "Write package.yaml and <obj>.skel.yaml instead of JSON.")
    boolean yaml;

    @Option(names = "-I", paramLabel = "DIR", description = "Add an include directory (repeatable).")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "--cflags", paramLabel = "FLAGS", description = "Extra clang flags, split on spaces "
        + "(repeatable).")
    List<String> cflags = new ArrayList<>();

    @Option(names = {"-a", "--additional-cflags"}, paramLabel = "FLAG", description = "One extra clang flag "
        + "(repeatable; eunomia's spelling).")
    List<String> additionalCflags = new ArrayList<>();

    @Option(names = "--vmlinux", paramLabel = "FILE", description = "Compile against this vmlinux.h, or a BTF "
        + "file (raw BTF or an ELF with .BTF), instead of this kernel's /sys/kernel/btf/vmlinux.")
    Path vmlinux;

    @Option(names = "--name", paramLabel = "NAME", description = "Package name, e.g. opensnoop or tools/opensnoop "
        + "(default: from the source file name).")
    String name;

    @Option(names = "--version", paramLabel = "SEMVER", description = "Package version (default: 0.1.0).")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", description = "One-line description (default: the "
        + "doc comment on LICENSE).")
    String description;

    @Option(names = "--license", paramLabel = "TEXT", description = "License (default: the program's LICENSE "
        + "string).")
    String license;

    @Option(names = "--keyword", paramLabel = "WORD", description = "A search keyword (repeatable).")
    List<String> keywords = new ArrayList<>();

    @Option(names = "--readme", paramLabel = "FILE", description = "Markdown readme to ship (default: README.md "
        + "next to the source, if any).")
    Path readme;

    @Option(names = "--clang", paramLabel = "PATH", description = "clang to use (default: from PATH).")
    Path clang;

    @Option(names = "--llvm-strip", paramLabel = "PATH", description = "llvm-strip to use (default: from PATH).")
    Path llvmStrip;

    @Option(names = "--bpftool", paramLabel = "PATH", description = "bpftool to use (default: from PATH).")
    Path bpftool;

    @Option(names = {"-v", "--verbose"}, description = "Show each command, timings, and stack traces on errors.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "-V", versionHelp = true, description = "Show ecc's version and exit.")
    boolean showVersion;

    private final PrintStream err;

    EccCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws CompileException {
        if (name != null && !PackageName.isValid(name)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--name: " + PackageName.problem(name));
        }
        if (version != null && !SemVer.isValid(version)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--version: \"" + version
                + "\" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
        }
        List<String> flags = new ArrayList<>();
        for (String group : cflags) {
            for (String f : group.trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    flags.add(f);
                }
            }
        }
        flags.addAll(additionalCflags);
        CompileRequest request = new CompileRequest(source, exportHeader, output, includeDirs, flags, vmlinux,
            new CompileRequest.PackageOptions(name, version, description, license, keywords, readme), yaml,
            new Toolchain.Overrides(clang, llvmStrip, bpftool));
        BuildLog log = new BuildLog(err, verbose);
        CompileResult result = new Compiler(BuildCache.defaultLocation(), log, Duration.ofMinutes(5)).compile(request);
        Path cwd = Path.of("").toAbsolutePath();
        for (Path f : result.written()) {
            err.println("wrote " + (f.startsWith(cwd) ? cwd.relativize(f) : f)
                + (f.equals(result.ebpmFile()) ? " (" + result.ebpmDigest() + ")" : ""));
        }
        return ExitCodes.OK;
    }

    boolean verbose() {
        return verbose;
    }
}
