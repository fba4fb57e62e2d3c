package dev.ebpm.compiler;

import dev.ebpm.compiler.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clang command lines of one compile. The same flags serve the object, the doc-comment AST dump and
 * the precompiled header, so all three see the same program. The object and the AST dump run in the work
 * directory and see only the relative names of a {@link CompileLayout}, with {@code -fdebug-compilation-dir=.},
 * so no absolute path ends up in the object and the same sources give the same bytes wherever they are. The
 * precompiled header, shared between directories, is built with the real paths.
 *
 * <p>Programs are built for BPF CPU {@value #DEFAULT_CPU} (jmp32 and 32-bit ALU instructions, Linux 5.1 and
 * later) unless the flags choose another {@code -mcpu}: clang-19's own default, v1, makes code that some
 * verifier-heavy programs cannot pass, and every kernel ecli supports runs v3.
 */
final class ClangCommand {
    static final String DEFAULT_CPU = "v3";

    private final Toolchain toolchain;
    private final List<String> flags;
    private final List<String> absoluteFlags;
    private final String sourceDirFlag;
    private final CompileLayout layout;

    ClangCommand(Toolchain toolchain, Path sourceDir, List<Path> includeDirs, Path vmlinuxDir, List<String> cflags,
                 CompileLayout layout) {
        this.toolchain = toolchain;
        this.layout = layout;
        List<String> common = List.of("-g", "-O2", "-target", "bpf", "-mcpu=" + DEFAULT_CPU,
            "-Wno-unknown-attributes", "-D__TARGET_ARCH_" + toolchain.targetArch(), "-fdebug-compilation-dir=.");
        List<String> absolute = new ArrayList<>(common);
        this.sourceDirFlag = "-I" + sourceDir;
        absolute.add(sourceDirFlag);
        includeDirs.forEach(d -> absolute.add("-I" + d.toAbsolutePath()));
        if (vmlinuxDir != null) {
            absolute.add("-I" + vmlinuxDir);
        }
        List<String> relative = new ArrayList<>(common);
        relative.addAll(layout.includeFlags());
        for (List<String> f : List.of(absolute, relative)) {
            f.addAll(cflags);
            for (Path d : toolchain.systemIncludes()) {
                f.add("-idirafter");
                f.add(d.toString());
            }
        }
        this.flags = List.copyOf(relative);
        this.absoluteFlags = List.copyOf(absolute);
    }

    /** The flags of the object compile and the AST dump, in the layout's names. */
    List<String> flags() {
        return flags;
    }

    /** The -I of the source's directory, which a precompiled header shared between directories leaves out. */
    String sourceDirFlag() {
        return sourceDirFlag;
    }

    /** The flags with real paths, for the precompiled header, without the source directory's -I. */
    List<String> flagsWithoutSourceDir() {
        List<String> f = new ArrayList<>(absoluteFlags);
        f.remove(sourceDirFlag);
        return f;
    }

    /** Compiles {@code sourceName} of the source directory to {@code object}, both names in the work directory. */
    List<String> compile(String sourceName, Path pch, String prelude, String object) {
        List<String> cmd = base(pch, prelude);
        cmd.addAll(List.of("-c", layout.source(sourceName), "-o", object));
        return cmd;
    }

    List<String> astDump(String sourceName, Path pch, String prelude) {
        List<String> cmd = base(pch, prelude);
        cmd.addAll(List.of("-fsyntax-only", "-Xclang", "-ast-dump=json", layout.source(sourceName)));
        return cmd;
    }

    /** The name clang gives the main file in locations and the AST. */
    String mainFile(String sourceName) {
        return layout.source(sourceName);
    }

    /** clang's diagnostics naming the user's files. */
    String shown(String stderr, String sourcesShown) {
        return layout.shown(stderr, sourcesShown);
    }

    private List<String> base(Path pch, String prelude) {
        List<String> cmd = new ArrayList<>();
        cmd.add(toolchain.clang().toString());
        cmd.addAll(flags);
        if (pch != null) {
            cmd.add("-include-pch");
            cmd.add(pch.toString());
        }
        if (prelude != null) {
            cmd.add("-include");
            cmd.add(prelude);
        }
        return cmd;
    }
}
