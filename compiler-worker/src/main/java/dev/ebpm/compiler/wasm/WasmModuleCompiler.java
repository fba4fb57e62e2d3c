package dev.ebpm.compiler.wasm;

import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.Diagnostics;
import dev.ebpm.compiler.toolchain.CommandResult;
import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.compiler.toolchain.SandboxLimits;
import dev.ebpm.format.wasm.WasmFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a module's user-space C to a WASI preview 1 command with clang's wasm32-wasi target, Debian's
 * wasi-libc and lld. No {@code --allow-undefined}: a call to a function that is neither in wasi-libc nor a
 * declared import fails at link time here, not at load time in ecli. The table is exported because
 * eunomia's runtimes look the poll callback up in it by that name (ecli does not need it).
 */
public final class WasmModuleCompiler {
    static final List<String> FLAGS = List.of("--target=wasm32-wasi", "-O2", "-Wl,--export-table",
        "-Wl,--strip-debug");
    private static final String INSTALL_HINT = "clang cannot build for wasm32-wasi here: install lld-19, wasi-libc "
        + "and libclang-rt-19-dev-wasm32 (scripts/install-deps.sh does)";

    private static final java.util.regex.Pattern UNDEFINED =
        java.util.regex.Pattern.compile("wasm-ld[^:]*: error: [^\\n]*undefined symbol: (\\S+)");

    private final CommandRunner tools;
    private final Path clang;
    private final SandboxLimits limits;

    /** {@code limits}: the sandbox's, to explain a compile it stopped; null when not sandboxed. */
    public WasmModuleCompiler(CommandRunner tools, Path clang, SandboxLimits limits) {
        this.tools = tools;
        this.clang = clang;
        this.limits = limits;
    }

    /** Compiles {@code source} with {@code headers} on the include path into {@code work}; the module's bytes. */
    public byte[] compile(Path source, Path headers, Path work, List<String> cflags) throws CompileException {
        Path out = work.resolve(WasmFormat.DEFAULT_FILE_NAME);
        List<String> cmd = new ArrayList<>(List.of(clang.toString()));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-I", headers.toString(), "-I", source.getParent().toString()));
        cmd.addAll(cflags);
        cmd.addAll(List.of("-o", out.toString(), source.getFileName().toString()));
        CommandResult r = tools.run(cmd, source.getParent());
        String name = source.getFileName().toString();
        if (!r.ok()) {
            String stopped = limits == null ? null : limits.explain(r.exitCode(), r.stderr());
            String diagnostics = Diagnostics.withSourcePaths(r.stderr(), source.getParent().toString());
            if (stopped != null) {
                throw new CompileException("clang could not compile " + name + " to wasm: " + stopped, diagnostics);
            }
            if (missingToolchain(r.stderr())) {
                throw new CompileException(INSTALL_HINT + " (compiling " + name + ")", diagnostics);
            }
            java.util.regex.Matcher undefined = UNDEFINED.matcher(r.stderr());
            if (undefined.find()) {
                throw new CompileException(name + " calls " + undefined.group(1) + ", which neither wasi-libc nor "
                    + "the wasm_bpf imports of the generated .skel.h define", diagnostics);
            }
            throw new CompileException("clang could not compile " + name + " to wasm32-wasi ("
                + Diagnostics.errorCount(r.stderr()) + ")", diagnostics);
        }
        try {
            if (Files.size(out) > WasmFormat.MAX_MODULE_BYTES) {
                throw new CompileException("the module built from " + name + " is " + Files.size(out)
                    + " bytes, over the " + WasmFormat.MAX_MODULE_BYTES + "-byte limit");
            }
            byte[] module = Files.readAllBytes(out);
            if (!WasmFormat.looksLikeWasm(module)) {
                throw new CompileException(clang + " did not write a WebAssembly module for " + name);
            }
            return module;
        } catch (IOException e) {
            throw new CompileException("cannot read the module built from " + name + ": " + e.getMessage());
        }
    }

    private static boolean missingToolchain(String stderr) {
        return stderr.contains("'stdio.h' file not found") || stderr.contains("Executable \"wasm-ld")
            || stderr.contains("libclang_rt.builtins-wasm32") || stderr.contains("wasi-sysroot")
            || stderr.contains("unable to create target");
    }
}
