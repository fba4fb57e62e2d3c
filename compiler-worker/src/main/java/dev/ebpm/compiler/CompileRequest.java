package dev.ebpm.compiler;

import dev.ebpm.compiler.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.List;

/**
 * One compile: the {@code .bpf.c} source, an optional export header, where outputs go (null: next to the
 * source), extra include directories and clang flags, an optional vmlinux.h or BTF file, the package's
 * identity, which tools to use, the user-space C of a wasm-bpf module to build around the object (null:
 * none), a directory of kernel BTF files to pack minimized BTF from ({@code --btfgen}; null: none), and the
 * architecture to build for ({@code --target-arch}, as {@code format.arch.Architectures} names it; null: this
 * machine's, recorded as none).
 */
public record CompileRequest(Path source, Path exportHeader, Path outputDir, List<Path> includeDirs,
                             List<String> extraCflags, Path vmlinux, PackageOptions packageOptions, boolean yaml,
                             Toolchain.Overrides tools, Path wasmSource, Path btfgenDir, String targetArch) {
    public CompileRequest {
        includeDirs = List.copyOf(includeDirs);
        extraCflags = List.copyOf(extraCflags);
    }

    public CompileRequest(Path source, Path exportHeader, Path outputDir, List<Path> includeDirs,
                          List<String> extraCflags, Path vmlinux, PackageOptions packageOptions, boolean yaml,
                          Toolchain.Overrides tools, Path wasmSource) {
        this(source, exportHeader, outputDir, includeDirs, extraCflags, vmlinux, packageOptions, yaml, tools,
            wasmSource, null, null);
    }

    public static CompileRequest of(Path source, Path exportHeader) {
        return new CompileRequest(source, exportHeader, null, List.of(), List.of(), null, PackageOptions.DEFAULTS,
            false, Toolchain.Overrides.NONE, null);
    }

    public CompileRequest withOutputDir(Path dir) {
        return new CompileRequest(source, exportHeader, dir, includeDirs, extraCflags, vmlinux, packageOptions, yaml,
            tools, wasmSource, btfgenDir, targetArch);
    }

    /** The same compile, also building the wasm-bpf module whose user-space C is {@code source}. */
    public CompileRequest withWasmSource(Path source) {
        return new CompileRequest(this.source, exportHeader, outputDir, includeDirs, extraCflags, vmlinux,
            packageOptions, yaml, tools, source, btfgenDir, targetArch);
    }

    /** The same compile, also packing the object's minimized BTF for each kernel BTF file under {@code dir}. */
    public CompileRequest withBtfgen(Path dir) {
        return new CompileRequest(source, exportHeader, outputDir, includeDirs, extraCflags, vmlinux, packageOptions,
            yaml, tools, wasmSource, dir, targetArch);
    }

    /** The same compile for another architecture, against {@code vmlinux} (that architecture's header or BTF). */
    public CompileRequest forArch(String arch, Path vmlinuxOfArch) {
        return new CompileRequest(source, exportHeader, outputDir, includeDirs, extraCflags, vmlinuxOfArch,
            packageOptions, yaml, tools, wasmSource, btfgenDir, arch);
    }

    /**
     * The package identity; null parts are derived: the name from the source file, version 0.1.0, the
     * description from the program's doc comment, the license from its {@code LICENSE} string, the readme
     * from a {@code README.md} next to the source.
     */
    public record PackageOptions(String name, String version, String description, String license,
                                 List<String> keywords, Path readme) {
        public static final PackageOptions DEFAULTS = new PackageOptions(null, null, null, null, List.of(), null);

        public PackageOptions {
            keywords = List.copyOf(keywords);
        }
    }
}
