package dev.ebpm.ecli.testing;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.LoaderOptions;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectNames;
import dev.ebpm.format.object.SkeletonExtractor;
import dev.ebpm.format.testing.TestBpfObjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** The app.wasm of a wasm-bpf example ({@code examples/NAME} with NAME.c), built as {@code ecc --wasm} does. */
    public static synchronized Path wasmExample(String name) {
        return BUILT.computeIfAbsent("wasm:" + name, k -> {
            Path dir = ROOT.resolve("examples").resolve(name);
            try {
                return COMPILER.compile(CompileRequest.of(dir.resolve(name + ".bpf.c"), dir.resolve(name + ".h"))
                    .withOutputDir(OUT.resolve("wasm-" + name)).withWasmSource(dir.resolve(name + ".c"))).wasmModule();
            } catch (CompileException e) {
                throw new IllegalStateException(name + ": " + e.getMessage() + "\n" + e.details(), e);
            }
        });
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

    /**
     * A package.json written around an object that clang built from package-format's test sources, with
     * metadata from the object alone: a package made without ecc, as other tools make them.
     */
    public static synchronized Path withoutEcc(String name) {
        return BUILT.computeIfAbsent("raw:" + name, k -> {
            byte[] elf = TestBpfObjects.bytes(name);
            BpfSkel skel = SkeletonExtractor.extract(BpfObject.parse(elf), ObjectNames.objectName(name + ".bpf.o"));
            ObjectMeta meta = new ObjectMeta(skel, List.of(), ObjectMeta.EUNOMIA_FORMAT_VERSION, LoaderOptions.NONE,
                Map.of());
            Path out = OUT.resolve("raw-" + name);
            try {
                Files.createDirectories(out);
                Files.write(out.resolve("package.json"), EunomiaPackageCodec.writeJson(new EunomiaPackage(elf, meta)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out;
        }).resolve("package.json");
    }

    /**
     * The output directory of an example built with {@code ecc --btfgen btfs} ({@code NAME.ebpm}, eunomia's
     * {@code NAME.tar}); {@code tag} keeps builds from different BTF directories apart.
     */
    public static synchronized Path exampleWithBtf(String name, Path btfs, String tag) {
        return BUILT.computeIfAbsent("btf-" + tag + ":" + name, k -> {
            Path dir = ROOT.resolve("examples").resolve(name);
            Path out = OUT.resolve("btf-" + tag + "-" + name);
            try {
                COMPILER.compile(CompileRequest.of(dir.resolve(name + ".bpf.c"), dir.resolve(name + ".h"))
                    .withOutputDir(out).withBtfgen(btfs));
                return out;
            } catch (CompileException e) {
                throw new IllegalStateException(name + ": " + e.getMessage() + "\n" + e.details(), e);
            }
        });
    }

    /** An example built for another architecture, this machine's BTF standing in for that arch's kernel types. */
    public static synchronized Path exampleForArch(String name, String arch) {
        return BUILT.computeIfAbsent("arch-" + arch + ":" + name, k -> {
            Path dir = ROOT.resolve("examples").resolve(name);
            Path out = OUT.resolve("arch-" + arch + "-" + name);
            try {
                COMPILER.compile(CompileRequest.of(dir.resolve(name + ".bpf.c"), dir.resolve(name + ".h"))
                    .withOutputDir(out).forArch(arch, Path.of("/sys/kernel/btf/vmlinux")));
                return out.resolve(name + ".ebpm");
            } catch (CompileException e) {
                throw new IllegalStateException(name + ": " + e.getMessage() + "\n" + e.details(), e);
            }
        });
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
