package dev.ebpm.compiler;

import dev.ebpm.compiler.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clang command lines of one compile. The same flags serve the object, the doc-comment AST dump and
 * the precompiled header, so all three see the same program. clang runs in the source's directory with
 * {@code -fdebug-compilation-dir=.}, so no absolute path ends up in the object's BTF line info and the
 * same sources give the same bytes wherever they are.
 *
 * <p>Programs are built for BPF CPU {@value #DEFAULT_CPU} (jmp32 and 32-bit ALU instructions, Linux 5.1 and
 * later) unless the flags choose another {@code -mcpu}: clang-19's own default, v1, makes code that some
 * verifier-heavy programs cannot pass, and every kernel ecli supports runs v3.
 */
final class ClangCommand {
    static final String DEFAULT_CPU = "v3";

    private final Toolchain toolchain;
    private final List<String> flags;
    private final String sourceDirFlag;

    ClangCommand(Toolchain toolchain, Path sourceDir, List<Path> includeDirs, Path vmlinuxDir, List<String> cflags) {
        this.toolchain = toolchain;
        List<String> f = new ArrayList<>(List.of("-g", "-O2", "-target", "bpf", "-mcpu=" + DEFAULT_CPU,
            "-Wno-unknown-attributes", "-D__TARGET_ARCH_" + toolchain.targetArch(), "-fdebug-compilation-dir=."));
        this.sourceDirFlag = "-I" + sourceDir;
        f.add(sourceDirFlag);
        includeDirs.forEach(d -> f.add("-I" + d.toAbsolutePath()));
        if (vmlinuxDir != null) {
            f.add("-I" + vmlinuxDir);
        }
        f.addAll(cflags);
        for (Path d : toolchain.systemIncludes()) {
            f.add("-idirafter");
            f.add(d.toString());
        }
        this.flags = List.copyOf(f);
    }

    /** The flags shared by every invocation. */
    List<String> flags() {
        return flags;
    }

    /** The -I of the source's directory, which a precompiled header shared between directories leaves out. */
    String sourceDirFlag() {
        return sourceDirFlag;
    }

    List<String> flagsWithoutSourceDir() {
        List<String> f = new java.util.ArrayList<>(flags);
        f.remove(sourceDirFlag);
        return f;
    }

    List<String> compile(String source, Path pch, Path prelude, Path object) {
        List<String> cmd = base(pch, prelude);
        cmd.addAll(List.of("-c", source, "-o", object.toString()));
        return cmd;
    }

    List<String> astDump(String source, Path pch, Path prelude) {
        List<String> cmd = base(pch, prelude);
        cmd.addAll(List.of("-fsyntax-only", "-Xclang", "-ast-dump=json", source));
        return cmd;
    }

    private List<String> base(Path pch, Path prelude) {
        List<String> cmd = new ArrayList<>();
        cmd.add(toolchain.clang().toString());
        cmd.addAll(flags);
        if (pch != null) {
            cmd.add("-include-pch");
            cmd.add(pch.toString());
        }
        if (prelude != null) {
            cmd.add("-include");
            cmd.add(prelude.toString());
        }
        return cmd;
    }
}
