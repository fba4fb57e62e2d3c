package dev.ebpm.examples;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.CompileResult;
import dev.ebpm.compiler.headers.BuildCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The example folders, built once per test run with ecc into target/examples/NAME. */
final class Examples {
    static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Map<String, CompileResult> BUILT = new ConcurrentHashMap<>();
    private static final BpfCompiler COMPILER = new BpfCompiler(
        new BuildCache(Path.of("target/ecc-test-cache").toAbsolutePath()), BuildLog.silent(), Duration.ofMinutes(2));

    private Examples() {
    }

    static List<String> names() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".bpf.c")))
                .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path source(String name) {
        return ROOT.resolve(name).resolve(name + ".bpf.c");
    }

    static Path header(String name) {
        Path h = ROOT.resolve(name).resolve(name + ".h");
        return Files.isRegularFile(h) ? h : null;
    }

    static Path outputDir(String name) {
        return ROOT.resolve("target/examples").resolve(name);
    }

    /** Whether the example is a wasm-bpf tool: user-space C in {@code NAME.c} next to the BPF side. */
    static boolean isWasm(String name) {
        return Files.isRegularFile(ROOT.resolve(name).resolve(name + ".c"));
    }

    /** The example built as ecc builds it: with {@code --wasm NAME.c} for a wasm-bpf tool. */
    static synchronized CompileResult build(String name) {
        return BUILT.computeIfAbsent(name, n -> {
            try {
                CompileRequest r = CompileRequest.of(source(n), header(n)).withOutputDir(outputDir(n));
                return COMPILER.compile(isWasm(n) ? r.withWasmSource(ROOT.resolve(n).resolve(n + ".c")) : r);
            } catch (CompileException e) {
                throw new IllegalStateException(n + ": " + e.getMessage() + "\n" + e.details(), e);
            }
        });
    }
}
