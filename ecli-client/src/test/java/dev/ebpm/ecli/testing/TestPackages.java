package dev.ebpm.ecli.testing;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.headers.BuildCache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Packages for the ecli tests, built with ecc once per test run: the project's examples and the test
 * programs under src/test/bpf. Each lands in target/test-packages/NAME/ (package.json, NAME.ebpm, ...).
 */
public final class TestPackages {
    public static final Path ROOT = Path.of(System.getProperty("ebpm.root", "..")).toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target/test-packages").toAbsolutePath();
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static final BpfCompiler COMPILER = new BpfCompiler(
        new BuildCache(Path.of("target/ecc-test-cache").toAbsolutePath()), BuildLog.silent(), Duration.ofMinutes(2));

    private TestPackages() {
    }

    /** The package.json of an example, e.g. {@code opensnoop}. */
    public static synchronized Path example(String name) {
        return BUILT.computeIfAbsent("example:" + name,
            k -> build(ROOT.resolve("examples").resolve(name), name, "ex-" + name)).resolve("package.json");
    }

    /** The output directory of a test program {@code src/test/bpf/NAME.bpf.c} (with NAME.h when there is one). */
    public static synchronized Path fixture(String name) {
        return BUILT.computeIfAbsent("fixture:" + name,
            k -> build(Path.of("src/test/bpf").toAbsolutePath(), name, "fx-" + name));
    }

    /** The output directory of a test program of another module ({@code ../compiler-worker/src/test/bpf/...}). */
    public static synchronized Path source(String relativeToRoot, String name) {
        return BUILT.computeIfAbsent("source:" + relativeToRoot + "/" + name,
            k -> build(ROOT.resolve(relativeToRoot), name, "src-" + name));
    }

    private static Path build(Path dir, String name, String outName) {
        Path header = dir.resolve(name + ".h");
        Path out = OUT.resolve(outName);
        try {
            COMPILER.compile(CompileRequest.of(dir.resolve(name + ".bpf.c"), Files.isRegularFile(header) ? header : null)
                .withOutputDir(out));
            return out;
        } catch (CompileException e) {
            throw new IllegalStateException(name + ": " + e.getMessage() + "\n" + e.details(), e);
        }
    }
}
