package dev.ebpm.compiler;

import dev.ebpm.compiler.btfgen.BtfGen;
import dev.ebpm.compiler.doc.AstDeclReader;
import dev.ebpm.compiler.doc.DocAnnotator;
import dev.ebpm.compiler.doc.DocCommentException;
import dev.ebpm.compiler.doc.SourceDecl;
import dev.ebpm.compiler.export.ExportHeader;
import dev.ebpm.compiler.export.ExportTypeSelector;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.compiler.headers.PrecompiledHeader;
import dev.ebpm.compiler.headers.VmlinuxHeader;
import dev.ebpm.compiler.toolchain.Bubblewrap;
import dev.ebpm.compiler.toolchain.CommandResult;
import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.compiler.wasm.WasmModuleCompiler;
import dev.ebpm.compiler.wasm.WasmSkeletonHeader;
import dev.ebpm.compiler.wasm.WasmTypesHeader;
import dev.ebpm.format.Digest;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.files.AtomicFiles;
import dev.ebpm.format.files.Directories;
import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.meta.LoaderOptions;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectFormatException;
import dev.ebpm.format.object.ObjectNames;
import dev.ebpm.format.object.SkeletonExtractor;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.format.wasm.WasmMetaSection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The compile pipeline behind {@code ecc}: clang → llvm-strip → metadata from the object's BTF → doc
 * comments from clang's AST → package files. Each step fails with a one-line {@link CompileException}.
 */
public final class BpfCompiler {
    /** Larger objects are refused: the kernel and the registry have no use for them. */
    public static final long MAX_OBJECT_SIZE = 5L << 20;
    private static final Pattern INCLUDES_VMLINUX = Pattern.compile("#\\s*include\\s*[\"<]vmlinux\\.h[\">]");

    private final BuildCache cache;
    private final BuildLog log;
    private final CommandRunner runner;
    private final Bubblewrap sandbox;
    private final boolean precompiledHeaders;

    public BpfCompiler(BuildCache cache, BuildLog log, Duration toolTimeout) {
        this(cache, log, toolTimeout, null);
    }

    /** Makes a compiler per build, each with its own log. */
    @FunctionalInterface
    public interface Factory {
        BpfCompiler create(BuildLog log);
    }

    /**
     * A compiler whose tools see the sources through {@code sandbox} (null: run them directly). The
     * toolchain probe and vmlinux.h generation read only the system and run outside; precompiled headers
     * are off when sandboxed, since they would be shared between untrusted builds.
     */
    public BpfCompiler(BuildCache cache, BuildLog log, Duration toolTimeout, Bubblewrap sandbox) {
        this(cache, log, toolTimeout, sandbox, true);
    }

    /**
     * {@code precompiledHeaders} false compiles as a sandboxed hub build does, without them: clang lays out
     * an object's BTF in another type order when its headers come from a precompiled header, so only such a
     * build reproduces a hub build byte for byte (what {@code ecli verify --rebuild} compares).
     */
    public BpfCompiler(BuildCache cache, BuildLog log, Duration toolTimeout, Bubblewrap sandbox,
                       boolean precompiledHeaders) {
        this.precompiledHeaders = precompiledHeaders && sandbox == null;
        this.cache = cache;
        this.log = log;
        this.runner = new CommandRunner(log, toolTimeout);
        this.sandbox = sandbox;
    }

    public CompileResult compile(CompileRequest request) throws CompileException {
        long started = System.nanoTime();
        Path source = existingFile(request.source(), "source");
        Path header = request.exportHeader() == null ? null : existingFile(request.exportHeader(), "export header");
        Path wasmSource = request.wasmSource() == null ? null
            : existingFile(request.wasmSource(), "user-space source of the wasm module");
        String sourceText = read(source);
        Path sourceDir = source.getParent();
        String sourceName = source.getFileName().toString();
        String stem = ObjectNames.sourceStem(sourceName);
        Path outDir = request.outputDir() == null ? sourceDir : request.outputDir().toAbsolutePath();

        Toolchain toolchain = Toolchain.discover(request.tools(), runner, cache);
        String arch = request.targetArch();
        if (arch != null) {
            if (!Architectures.isKnown(arch)) {
                throw new CompileException("--target-arch " + arch + ": expected one of " + Architectures.KNOWN);
            }
            if (!arch.equals(Architectures.running()) && request.vmlinux() == null) {
                throw new CompileException("--target-arch " + arch + ": this machine is " + Architectures.running()
                    + ", so its kernel's types are not " + arch + "'s: pass --vmlinux with a vmlinux.h or a BTF file of "
                    + "an " + arch + " kernel");
            }
            toolchain = toolchain.withTargetArch(Architectures.targetArchMacro(arch));
        }
        log.detail("clang " + toolchain.clangVersion() + " at " + toolchain.clang() + elapsed(started));
        Optional<VmlinuxHeader> vmlinux = VmlinuxHeader.provide(request.vmlinux(), toolchain, runner, cache, log);
        log.detail("vmlinux.h: " + vmlinux.map(v -> v.file().toString()).orElse("none") + elapsed(started));
        if (vmlinux.isEmpty() && INCLUDES_VMLINUX.matcher(sourceText).find()
            && PrecompiledHeader.resolveVmlinux(sourceDir, request.includeDirs()).isEmpty()) {
            throw new CompileException(sourceName + " includes vmlinux.h, but this kernel has no BTF at "
                + VmlinuxHeader.KERNEL_BTF + " to generate it from: pass --vmlinux with a vmlinux.h or a BTF file");
        }
        Path work = createWorkDir();
        CommandRunner tools = sandbox == null ? runner : runner.within(sandbox.seeing(readable(sourceDir, header,
            wasmSource, request.includeDirs(), vmlinux), List.of(work)));
        try {
            Path vmlinuxDir = vmlinux.map(VmlinuxHeader::directory).orElse(null);
            ClangCommand clang = new ClangCommand(toolchain, sourceDir, request.includeDirs(), vmlinuxDir,
                request.extraCflags(), layout(work, sourceDir, request.includeDirs(), vmlinuxDir));
            Optional<ExportHeader> export = header == null ? Optional.empty()
                : Optional.of(ExportHeader.scan(read(header)));
            String prelude = null;
            if (export.isPresent()) {
                prelude = "ecc-export-structs.h";
                Files.writeString(work.resolve(prelude), export.get().dummyDeclarations());
            }
            Path object = work.resolve(stem + ".bpf.o");
            Path pch = !precompiledHeaders ? null
                : precompiledHeader(sourceText, sourceDir, request.includeDirs(), vmlinux, clang, toolchain);
            log.detail("precompiled header: " + (pch == null ? "none" : pch.toString()) + elapsed(started));
            List<SourceDecl> decls;
            try {
                decls = compileAndReadDocs(tools, clang, work, sourceDir, sourceName, pch, prelude, object);
            } catch (CompileException e) {
                throw withRegistersHint(e, arch, request.vmlinux());
            }
            if (pch != null) {
                List<String> lost = BpfObject.parse(Files.readAllBytes(object)).externsWithoutBtf();
                if (!lost.isEmpty()) {
                    log.detail("the precompiled header lost the BTF of " + String.join(", ", lost) + " (clang "
                        + "emits none for externs declared in one); compiling without it");
                    PrecompiledHeader.markLosesExterns(pch);
                    decls = compileAndReadDocs(tools, clang, work, sourceDir, sourceName, null, prelude, object);
                }
            }
            log.detail("compiled and read " + decls.size() + " declarations" + elapsed(started));
            strip(tools, toolchain, object);
            byte[] elf = Files.readAllBytes(object);
            if (elf.length > MAX_OBJECT_SIZE) {
                throw new CompileException("the compiled object is " + elf.length + " bytes, over the "
                    + MAX_OBJECT_SIZE + "-byte limit for a package");
            }

            BpfObject bpf = BpfObject.parse(elf);
            String objName = ObjectNames.objectName(stem + ".bpf.o");
            BpfSkel skel = SkeletonExtractor.extract(bpf, objName);
            if (skel.progs().isEmpty()) {
                throw new CompileException(sourceName + " has no BPF programs: a program is a non-static function "
                    + "placed in a section with SEC(\"...\"), e.g. SEC(\"tracepoint/syscalls/sys_enter_openat\")");
            }
            List<ExportType> exportTypes = ExportTypeSelector.select(bpf, objName, export, sourceName,
                header == null ? null : header.getFileName().toString());
            if (export.isPresent() && exportTypes.isEmpty()) {
                log.info("warning: " + header.getFileName() + " declares no struct, so the package has no export "
                    + "type" + bpf.maps(objName).stream().filter(m -> m.type().isEventStream()).findFirst()
                    .map(m -> " and ecli will not print the events of map " + m.name()).orElse(""));
            }
            skel = DocAnnotator.apply(skel, decls, sourceName, sourceText);
            ObjectMeta meta = new ObjectMeta(skel, exportTypes, ObjectMeta.EUNOMIA_FORMAT_VERSION, LoaderOptions.NONE,
                Map.of());

            PackageInfo info = PackageIdentity.derive(request.packageOptions(), stem, skel.doc(), bpf.license().orElse(null))
                .withArch(arch);
            EbpmPackage pkg = new EbpmPackage(info, meta, elf, PackageIdentity.readme(request.packageOptions(), sourceDir));
            if (request.btfgenDir() != null) {
                pkg = pkg.withBtfs(new BtfGen(runner, toolchain.requireBpftool(), System.getProperty("os.arch"))
                    .pack(request.btfgenDir(), object, work));
                log.detail("packed the BTF of " + pkg.btfs().kernels().size() + " kernels" + elapsed(started));
            }
            log.detail("metadata ready" + elapsed(started));
            PackageWriter.Written written = PackageWriter.write(pkg, outDir, stem, request.yaml());
            List<Path> files = new ArrayList<>(written.files());
            Path module = null;
            if (wasmSource != null) {
                module = buildModule(tools, toolchain, wasmSource, stem, sourceName, skel, bpf, pkg, work, outDir,
                    request.extraCflags(), files);
                log.detail("wasm module built" + elapsed(started));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info(summary(sourceName, skel, exportTypes, millis));
            return new CompileResult(pkg, files, written.ebpmFile(), Digest.sha256(written.ebpmBytes()),
                log.text(), tools(toolchain, vmlinux), sandbox == null ? Map.of("kind", "none") : sandbox.settings(),
                module);
        } catch (DocCommentException | ObjectFormatException e) {
            throw new CompileException(e.getMessage());
        } catch (IOException e) {
            throw new CompileException("cannot write the package: " + e.getMessage());
        } finally {
            Directories.deleteQuietly(work);
        }
    }

    /**
     * The user-space half of a wasm-bpf tool: {@code STEM.wasm.h} (the export types, when there are any)
     * and {@code STEM.skel.h} (the embedded object) are written next to the package, where the module's C
     * includes them from, and the C is compiled into {@code app.wasm}, which gets the object's meta in a custom
     * section (and the README in another) so that the module describes itself to the registry and to ecli.
     */
    private Path buildModule(CommandRunner tools, Toolchain toolchain, Path wasmSource, String stem,
                             String sourceName, BpfSkel skel, BpfObject bpf, EbpmPackage pkg, Path work,
                             Path outDir, List<String> cflags, List<Path> files)
        throws IOException, CompileException {
        List<ExportType> exportTypes = pkg.meta().exportTypes();
        byte[] elf = pkg.elf();
        String typesHeader = null;
        if (!exportTypes.isEmpty()) {
            typesHeader = stem + ".wasm.h";
            String types = WasmTypesHeader.declarations(bpf.btf(), exportTypes.stream().map(ExportType::typeId)
                .toList());
            files.add(writeHeader(work, outDir, typesHeader, "/* Generated by ecc from " + sourceName + ": the "
                + "export types as the BPF side lays them out, for wasm32 code; do not edit. */\n#pragma once\n"
                + "#include <stdint.h>\n\n" + types));
        }
        files.add(writeHeader(work, outDir, stem + ".skel.h",
            WasmSkeletonHeader.generate(stem, sourceName, skel, bpf, elf, typesHeader)));
        // Only the flags meant for the user-space side reach it: BPF flags such as -mcpu mean nothing to wasm32.
        List<String> wasmFlags = cflags.stream().filter(f -> f.startsWith("-D") || f.startsWith("-W")).toList();
        byte[] module = WasmMetaSection.append(new WasmModuleCompiler(tools, toolchain.clang(),
            sandbox == null ? null : sandbox.limits()).compile(wasmSource, work, work, wasmFlags), pkg.meta(),
            pkg.readme());
        Path file = outDir.resolve(WasmFormat.DEFAULT_FILE_NAME);
        AtomicFiles.write(file, module);
        files.add(file);
        return file;
    }

    private static Path writeHeader(Path work, Path outDir, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve(name), bytes);
        AtomicFiles.write(outDir.resolve(name), bytes);
        return outDir.resolve(name);
    }

    private Path precompiledHeader(String sourceText, Path sourceDir, List<Path> includeDirs,
                                   Optional<VmlinuxHeader> vmlinux, ClangCommand clang, Toolchain toolchain)
        throws CompileException {
        Path header = PrecompiledHeader.resolveVmlinux(sourceDir, includeDirs)
            .or(() -> vmlinux.map(VmlinuxHeader::file)).orElse(null);
        return PrecompiledHeader.prepare(sourceText, sourceDir, header, clang.flagsWithoutSourceDir(),
            clang.sourceDirFlag(), toolchain, runner, cache, log).orElse(null);
    }

    /**
     * bpf_tracing.h reads a probe's registers through the target architecture's register struct; when the kernel
     * types have no complete one, they are most likely another architecture's (this machine's BTF standing in),
     * which is worth one line more than clang's macro backtrace.
     */
    private static CompileException withRegistersHint(CompileException e, String arch, Path vmlinux) {
        String details = e.details() == null ? "" : e.details();
        if (arch == null || arch.equals(Architectures.running())
            || !details.matches("(?s).*incomplete definition of type 'const struct (user_)?pt_regs'.*")) {
            return e;
        }
        return new CompileException(e.getMessage() + "; the kernel types in --vmlinux " + vmlinux + " have no "
            + "complete register struct for " + arch + " (PT_REGS_*, BPF_KPROBE): they look like another "
            + "architecture's kernel, so pass a vmlinux.h or BTF file from a kernel built for " + arch, e.details(),
            e);
    }

    /**
     * Compiles the object and, at the same time, dumps the AST for doc comments. A precompiled header
     * clang refuses (it was built by another clang, say) is dropped and the compile runs again without it.
     */
    private List<SourceDecl> compileAndReadDocs(CommandRunner tools, ClangCommand clang, Path work, Path sourceDir,
                                                String sourceName, Path pch, String prelude, Path object)
        throws CompileException {
        String objectName = work.relativize(object).toString();
        String mainFile = clang.mainFile(sourceName);
        var compile = tools.start(clang.compile(sourceName, pch, prelude, objectName), work,
            InputStream::readAllBytes);
        var ast = tools.start(clang.astDump(sourceName, pch, prelude), work,
            in -> AstDeclReader.read(in, mainFile));
        var compiled = compile.finish();
        String diagnostics = clang.shown(compiled.stderr(), displayDir(sourceDir));
        if (compiled.exitCode() != 0) {
            ast.cancel();
            if (pch != null && mentionsPrecompiledHeader(compiled.stderr())) {
                log.detail("clang refused the precompiled header; compiling without it");
                PrecompiledHeader.discard(pch);
                return compileAndReadDocs(tools, clang, work, sourceDir, sourceName, null, prelude, object);
            }
            String limit = sandbox == null ? null : sandbox.limits().explain(compiled.exitCode(), compiled.stderr());
            if (limit != null) {
                throw new CompileException("clang could not compile " + sourceName + ": " + limit, diagnostics);
            }
            throw new CompileException("clang could not compile " + sourceName + " ("
                + Diagnostics.errorCount(compiled.stderr()) + ")", diagnostics);
        }
        log.output(diagnostics);
        var docs = ast.finish();
        String docsLimit = sandbox == null ? null : sandbox.limits().explain(docs.exitCode(), docs.stderr());
        if (docsLimit != null) {
            throw new CompileException("clang could not read the doc comments of " + sourceName + ": " + docsLimit);
        }
        if (docs.exitCode() != 0 || docs.value() == null) {
            throw new CompileException("clang could not dump the AST of " + sourceName + " for its doc comments",
                docs.stderr());
        }
        return docs.value();
    }

    private static boolean mentionsPrecompiledHeader(String stderr) {
        return stderr.contains("precompiled header") || stderr.contains("PCH file") || stderr.contains(".pch");
    }

    /**
     * What made the object, for provenance: clang, the libbpf headers, the flags that shape code, and the
     * vmlinux.h compiled against (its digest: the kernel's BTF decides the object's BTF, so a rebuild on
     * another kernel cannot match, and this is how a rebuild tells that apart from other sources).
     */
    private static Map<String, String> tools(Toolchain toolchain, Optional<VmlinuxHeader> vmlinux) throws IOException {
        Map<String, String> tools = new java.util.TreeMap<>();
        tools.put("ecc", PackageIdentity.ECC_VERSION);
        tools.put("clang", toolchain.clangVersion());
        tools.put("mcpu", ClangCommand.DEFAULT_CPU);
        if (vmlinux.isPresent()) {
            tools.put(VmlinuxHeader.NAME, Digest.sha256(Files.readAllBytes(vmlinux.get().file())).toString());
        }
        for (Path dir : toolchain.systemIncludes()) {
            Path version = dir.resolve("bpf/libbpf_version.h");
            if (Files.isRegularFile(version)) {
                try {
                    String text = Files.readString(version);
                    java.util.regex.Matcher major = LIBBPF_MAJOR.matcher(text);
                    java.util.regex.Matcher minor = LIBBPF_MINOR.matcher(text);
                    if (major.find() && minor.find()) {
                        tools.put("libbpf-headers", major.group(1) + "." + minor.group(1));
                    }
                } catch (IOException e) {
                    // Unreadable: the version is left out, not guessed.
                }
                break;
            }
        }
        return tools;
    }

    private static final Pattern LIBBPF_MAJOR = Pattern.compile("#define LIBBPF_MAJOR_VERSION (\\d+)");
    private static final Pattern LIBBPF_MINOR = Pattern.compile("#define LIBBPF_MINOR_VERSION (\\d+)");

    /** What sandboxed tools may read besides the system: the sources, headers, include dirs and vmlinux.h. */
    private static List<Path> readable(Path sourceDir, Path header, Path wasmSource, List<Path> includeDirs,
                                       Optional<VmlinuxHeader> vmlinux) {
        List<Path> paths = new ArrayList<>(List.of(sourceDir));
        if (header != null) {
            paths.add(header.getParent());
        }
        if (wasmSource != null) {
            paths.add(wasmSource.getParent());
        }
        paths.addAll(includeDirs);
        vmlinux.ifPresent(v -> paths.add(v.directory()));
        return paths;
    }

    private void strip(CommandRunner tools, Toolchain toolchain, Path object) throws CompileException {
        CommandResult r = tools.run(List.of(toolchain.llvmStrip().toString(), "-g", object.toString()), null);
        if (!r.ok()) {
            throw new CompileException("llvm-strip failed on " + object.getFileName() + " (exit " + r.exitCode() + ")",
                r.stderr());
        }
    }

    private static String summary(String sourceName, BpfSkel skel, List<ExportType> exportTypes, long millis) {
        long flags = skel.dataSections().stream().flatMap(d -> d.variables().stream()).filter(v -> !v.isDummy())
            .count();
        StringBuilder b = new StringBuilder("compiled ").append(sourceName).append(": ")
            .append(plural(skel.progs().size(), "program")).append(", ")
            .append(plural(skel.maps().size(), "map")).append(", ")
            .append(plural((int) flags, "flag"));
        if (!exportTypes.isEmpty()) {
            b.append(", exports struct ").append(exportTypes.get(0).name());
        }
        return b.append(" (").append(millis).append(" ms)").toString();
    }

    private static String elapsed(long started) {
        return " [" + (System.nanoTime() - started) / 1_000_000 + " ms]";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** How to show the source directory in diagnostics: relative to where the user is, when it is below it. */
    private static String displayDir(Path sourceDir) {
        Path cwd = Path.of("").toAbsolutePath();
        return sourceDir.startsWith(cwd) ? cwd.relativize(sourceDir).toString() : sourceDir.toString();
    }

    private static Path existingFile(Path path, String what) throws CompileException {
        if (!Files.exists(path)) {
            throw new CompileException(path + ": no such file (the " + what + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw new CompileException(path + ": not a regular file (the " + what + ")");
        }
        return path.toAbsolutePath().normalize();
    }

    private static String read(Path file) throws CompileException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CompileException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static CompileLayout layout(Path work, Path sourceDir, List<Path> includeDirs, Path vmlinuxDir)
        throws CompileException {
        try {
            return CompileLayout.link(work, sourceDir, includeDirs, vmlinuxDir);
        } catch (IOException e) {
            throw new CompileException("cannot link the sources into the build directory: " + e.getMessage());
        }
    }

    private static Path createWorkDir() throws CompileException {
        try {
            return Files.createTempDirectory("ecc-");
        } catch (IOException e) {
            throw new CompileException("cannot create a temporary directory: " + e.getMessage());
        }
    }

}
