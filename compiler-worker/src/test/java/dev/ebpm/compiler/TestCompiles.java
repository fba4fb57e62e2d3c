package dev.ebpm.compiler;

import dev.ebpm.compiler.headers.BuildCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Compiles the fixtures under src/test/bpf with a cache shared by the whole test run. */
final class TestCompiles {
    static final BuildCache CACHE = new BuildCache(Path.of("target/ecc-test-cache").toAbsolutePath());

    private TestCompiles() {
    }

    static Path fixture(String relative) {
        return Path.of("src/test/bpf").resolve(relative).toAbsolutePath();
    }

    static Path tempDir() {
        try {
            Path base = Path.of("target/test-output").toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "out-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BpfCompiler compiler() {
        return new BpfCompiler(CACHE, BuildLog.silent(), Duration.ofMinutes(2));
    }

    static CompileResult compile(String source, String header) throws CompileException {
        return compile(CompileRequest.of(fixture(source), header == null ? null : fixture(header))
            .withOutputDir(tempDir()));
    }

    static CompileResult compile(CompileRequest request) throws CompileException {
        return compiler().compile(request);
    }
}
