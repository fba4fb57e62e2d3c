package dev.ebpm.format.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the test BPF sources under {@code src/test/bpf} with clang, once per test run, the way ecc
 * does (-g -O2 -target bpf, then llvm-strip -g). Tests that use these need clang and llvm on the machine.
 */
public final class TestBpfObjects {
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

    private TestBpfObjects() {
    }

    /** package-format's test sources, whichever module's tests ask. */
    public static Path sourceDir() {
        Path own = Paths.get("src/test/bpf/btf_kinds.bpf.c");
        return (Files.exists(own) ? own.getParent() : Paths.get("../package-format/src/test/bpf")).toAbsolutePath()
            .normalize();
    }

    /** The path of the stripped object built from {@code src/test/bpf/<name>.bpf.c}. */
    public static synchronized Path compile(String name) {
        return COMPILED.computeIfAbsent(name, TestBpfObjects::build);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(compile(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path build(String name) {
        try {
            Path out = Paths.get("target/test-bpf").toAbsolutePath();
            Files.createDirectories(out);
            Path obj = out.resolve(name + ".bpf.o");
            Path src = sourceDir().resolve(name + ".bpf.c");
            Commands.run(List.of("clang", "-g", "-O2", "-target", "bpf", "-c", src.toString(), "-o", obj.toString()));
            Commands.run(List.of("llvm-strip", "-g", obj.toString()));
            return obj;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
