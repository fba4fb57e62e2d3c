package dev.ebpm.ecli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the test modules under src/test/resources/wasm with clang-19: BPF objects for {@code -target bpf},
 * user-space C for wasm32-wasi (scripts/install-deps.sh installs lld-19, wasi-libc and the wasm32 builtins),
 * and the C header that embeds an object in a module as a byte array.
 */
public final class WasmModules {
    public static final Path SOURCES = Path.of("src/test/resources/wasm").toAbsolutePath();
    public static final Path DIR = Path.of("target/wasm-test").toAbsolutePath();

    private WasmModules() {
    }

    /** {@code NAME.c} built into {@code target/wasm-test/NAME.wasm}, with headers from that directory too. */
    public static Path module(String name) throws IOException, InterruptedException {
        Path out = DIR.resolve(name + ".wasm");
        clang(List.of("--target=wasm32-wasi", "-O2", "-Wl,--allow-undefined", "-I", DIR.toString(), "-o",
            out.toString(), SOURCES.resolve(name + ".c").toString()));
        return out;
    }

    /** {@code NAME.bpf.c} built and embedded as {@code NAME_bpf_o[]} in {@code target/wasm-test/NAME.bpf.h}. */
    public static void embeddedObject(String name) throws IOException, InterruptedException {
        Path object = DIR.resolve(name + ".bpf.o");
        clang(List.of("-target", "bpf", "-O2", "-g", "-I", "/usr/include/" + System.getProperty("os.arch")
            .replace("amd64", "x86_64") + "-linux-gnu", "-c", "-o", object.toString(),
            SOURCES.resolve(name + ".bpf.c").toString()));
        byte[] bytes = Files.readAllBytes(object);
        StringBuilder h = new StringBuilder("static const unsigned char " + name + "_bpf_o[] = {");
        for (int i = 0; i < bytes.length; i++) {
            h.append(i % 16 == 0 ? "\n  " : " ").append(bytes[i] & 0xff).append(',');
        }
        h.append("\n};\nstatic const unsigned int ").append(name).append("_bpf_o_len = ").append(bytes.length)
            .append(";\n");
        Files.writeString(DIR.resolve(name + ".bpf.h"), h);
    }

    private static void clang(List<String> args) throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        List<String> command = new ArrayList<>(List.of("clang-19"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + " (scripts/install-deps.sh installs clang-19's "
            + "wasm32-wasi target):\n" + log).isZero();
    }
}
