package dev.ebpm.compiler.toolchain;

import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.format.Digest;
import dev.ebpm.format.files.AtomicFiles;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiler tools one compile uses, found on the PATH (or given explicitly) and probed once:
 * clang's version, which must be new enough for BTF and CO-RE, and the host's system include
 * directories, which ecc adds with {@code -idirafter} so kernel UAPI headers such as
 * {@code <linux/bpf.h>} resolve under {@code -target bpf}. Without an explicit clang, ecc takes
 * {@code clang-19} with its {@code llvm-strip-19} when both are installed (Debian bookworm's newest: current
 * libbpf sources want a recent clang), else {@code clang} and {@code llvm-strip}.
 */
public record Toolchain(Path clang, Path llvmStrip, Path bpftool, String clangVersion, List<Path> systemIncludes,
                        String targetArch) {
    /** clang 10 is the first with BTF for BPF and {@code __builtin_preserve_access_index}. */
    public static final int MIN_CLANG_MAJOR = 10;
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");
    private static final Pattern VERSION = Pattern.compile("clang version (\\d+)\\.(\\d+)\\.(\\d+)");
    /** The clang ecc prefers when it is installed next to the default one. */
    public static final String PREFERRED_CLANG = "clang-19";
    private static final String PREFERRED_STRIP = "llvm-strip-19";

    /** Explicit tool paths; null means "look on the PATH". */
    public record Overrides(Path clang, Path llvmStrip, Path bpftool) {
        public static final Overrides NONE = new Overrides(null, null, null);
    }

    /**
     * Finds the tools and probes clang. The probe's answer is cached per clang binary (path, size and
     * modification time), since it costs a process start on every compile otherwise.
     */
    public static Toolchain discover(Overrides overrides, CommandRunner runner, BuildCache cache)
        throws CompileException {
        Optional<Path> preferred = overrides.clang() == null ? find(PREFERRED_CLANG) : Optional.empty();
        Optional<Path> preferredStrip = overrides.llvmStrip() == null ? find(PREFERRED_STRIP) : Optional.empty();
        boolean newest = preferred.isPresent() && (overrides.llvmStrip() != null || preferredStrip.isPresent());
        Path clang = newest ? preferred.get() : locate(overrides.clang(), "clang", "clang");
        Path strip = newest && overrides.llvmStrip() == null ? preferredStrip.get()
            : locate(overrides.llvmStrip(), "llvm-strip", "llvm");
        Path bpftool = overrides.bpftool() != null ? locate(overrides.bpftool(), "bpftool", "bpftool")
            : find("bpftool").orElse(null);
        String probe = probe(clang, runner, cache);
        Matcher m = VERSION.matcher(probe);
        if (!m.find()) {
            throw new CompileException(clang + " does not say which version it is; is it clang?");
        }
        if (Integer.parseInt(m.group(1)) < MIN_CLANG_MAJOR) {
            throw new CompileException("clang " + m.group() + " is too old to compile BPF with BTF; install clang "
                + MIN_CLANG_MAJOR + " or newer");
        }
        String version = m.group(1) + "." + m.group(2) + "." + m.group(3);
        return new Toolchain(clang, strip, bpftool, version, includeDirs(probe), hostArch());
    }

    private static String probe(Path clang, CommandRunner runner, BuildCache cache) throws CompileException {
        Path cached = null;
        try {
            Path real = clang.toRealPath();
            String identity = real + "\n" + Files.size(real) + "\n" + Files.getLastModifiedTime(real).toMillis();
            cached = cache.entry("toolchain", Digest.sha256(identity.getBytes(StandardCharsets.UTF_8)).hex())
                .resolve("clang-v.txt");
            if (Files.isRegularFile(cached)) {
                return Files.readString(cached);
            }
        } catch (IOException e) {
            cached = null;
        }
        CommandResult r = runner.run(List.of(clang.toString(), "-v", "-E", "-x", "c", "/dev/null", "-o",
            "/dev/null"), null);
        if (!r.ok()) {
            throw new CompileException(clang + " does not work (exit " + r.exitCode() + ")", r.stderr());
        }
        if (cached != null) {
            try {
                AtomicFiles.write(cached, r.stderr().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Not cached this time; the probe runs again next time.
            }
        }
        return r.stderr();
    }

    /** The directories clang lists under {@code #include <...> search starts here:}. */
    static List<Path> includeDirs(String verboseOutput) {
        List<Path> dirs = new ArrayList<>();
        boolean inList = false;
        for (String line : verboseOutput.split("\n")) {
            if (line.startsWith("#include <...> search starts here:")) {
                inList = true;
            } else if (line.startsWith("End of search list.")) {
                break;
            } else if (inList && line.startsWith(" ")) {
                dirs.add(Path.of(line.trim()));
            }
        }
        return List.copyOf(dirs);
    }

    /** The same tools building for another architecture ({@code macro}: its {@code __TARGET_ARCH_*} suffix). */
    public Toolchain withTargetArch(String macro) {
        return new Toolchain(clang, llvmStrip, bpftool, clangVersion, systemIncludes, macro);
    }

    /** The {@code __TARGET_ARCH_*} name libbpf's headers expect for this machine. */
    static String hostArch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86";
            case "aarch64", "arm64" -> "arm64";
            case "ppc64le", "ppc64" -> "powerpc";
            case "riscv64" -> "riscv";
            case "s390x" -> "s390";
            case "loongarch64" -> "loongarch";
            case "mips64", "mips64el" -> "mips";
            default -> arch;
        };
    }

    private static Path locate(Path explicit, String name, String debianPackage) throws CompileException {
        if (explicit != null) {
            if (!Files.isExecutable(explicit)) {
                throw new CompileException(explicit + " is not an executable " + name);
            }
            return explicit;
        }
        return find(name).orElseThrow(() -> new CompileException(name + " was not found on the PATH; install it "
            + "(Debian: apt-get install " + debianPackage + ")"));
    }

    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Path requireBpftool() throws CompileException {
        if (bpftool == null) {
            throw new CompileException("bpftool was not found; it is needed to generate vmlinux.h from BTF "
                + "(Debian: apt-get install bpftool), or pass --vmlinux with a vmlinux.h");
        }
        return bpftool;
    }
}
