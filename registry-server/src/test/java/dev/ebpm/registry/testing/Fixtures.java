package dev.ebpm.registry.testing;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The project's examples compiled by ecc (once per run), and copies of them under other names and versions. */
public final class Fixtures {
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target/test-packages").toAbsolutePath();
    private static final Map<String, EbpmPackage> BUILT = new ConcurrentHashMap<>();
    private static final BpfCompiler COMPILER = new BpfCompiler(
        new BuildCache(Path.of("target/ecc-test-cache").toAbsolutePath()), BuildLog.silent(), Duration.ofMinutes(2));

    private Fixtures() {
    }

    /** An example package as ecc builds it, e.g. {@code sigsnoop}. */
    public static synchronized EbpmPackage example(String name) {
        return BUILT.computeIfAbsent(name, Fixtures::build);
    }

    /** The example under another name and version (same program, same meta). */
    public static EbpmPackage renamed(String example, String name, String version) {
        EbpmPackage pkg = example(example);
        PackageInfo i = pkg.info();
        return new EbpmPackage(new PackageInfo(name, version, i.description(), i.license(), i.keywords()), pkg.meta(),
            pkg.elf(), pkg.readme());
    }

    /** A wasm-bpf example's app.wasm as ecc --wasm builds it (object, meta and README inside). */
    public static synchronized byte[] module(String name) {
        Path dir = ROOT.resolve("examples").resolve(name);
        try {
            return Files.readAllBytes(COMPILER.compile(CompileRequest.of(dir.resolve(name + ".bpf.c"),
                dir.resolve(name + ".h")).withOutputDir(OUT.resolve("wasm-" + name))
                .withWasmSource(dir.resolve(name + ".c"))).wasmModule());
        } catch (CompileException e) {
            throw new IllegalStateException(name + ": " + e.getMessage() + "\n" + e.details(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] file(EbpmPackage pkg) {
        return EbpmPackageCodec.write(pkg);
    }

    private static EbpmPackage build(String name) {
        Path dir = ROOT.resolve("examples").resolve(name);
        Path header = dir.resolve(name + ".h");
        Path out = OUT.resolve(name);
        try {
            COMPILER.compile(CompileRequest.of(dir.resolve(name + ".bpf.c"), Files.isRegularFile(header) ? header : null)
                .withOutputDir(out));
            try (Stream<Path> files = Files.list(out)) {
                Path ebpm = files.filter(f -> f.toString().endsWith(EbpmPackageCodec.FILE_EXTENSION)).findFirst()
                    .orElseThrow();
                return EbpmPackageCodec.read(Files.readAllBytes(ebpm), ebpm.toString());
            }
        } catch (CompileException e) {
            throw new IllegalStateException(name + ": " + e.getMessage() + "\n" + e.details(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> examples() {
        return List.of("sigsnoop", "opensnoop", "execsnoop", "runqlat", "bashreadline", "tcpingress", "tcpstates");
    }
}
