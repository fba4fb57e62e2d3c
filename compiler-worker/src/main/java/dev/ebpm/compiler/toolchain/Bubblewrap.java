package dev.ebpm.compiler.toolchain;

import dev.ebpm.compiler.CompileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs tools under bubblewrap: no network, no other processes, a fresh /tmp, read-only system
 * directories, read-only access to exactly the given paths and write access to the given work paths,
 * resource limits from {@link SandboxLimits}. A source that includes {@code /etc/shadow} finds no such file.
 */
public final class Bubblewrap implements Sandbox {
    private static final List<String> SYSTEM = List.of("/usr", "/etc/ld.so.cache", "/etc/alternatives");
    private static final List<String> MERGED_USR = List.of("bin", "sbin", "lib", "lib32", "lib64");

    private final Path bwrap;
    private final Path prlimit;
    private final Set<Path> readOnly;
    private final Set<Path> readWrite;
    private final SandboxLimits limits;

    private Bubblewrap(Path bwrap, Path prlimit, Set<Path> readOnly, Set<Path> readWrite, SandboxLimits limits) {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.readOnly = readOnly;
        this.readWrite = readWrite;
        this.limits = limits;
    }

    /** bwrap and prlimit from PATH, or a clear error saying what to install. */
    public static Bubblewrap locate(SandboxLimits limits) throws CompileException {
        Optional<Path> bwrap = Toolchain.find("bwrap");
        Optional<Path> prlimit = Toolchain.find("prlimit");
        if (bwrap.isEmpty() || prlimit.isEmpty()) {
            throw new CompileException("sandboxed compiles need bubblewrap and prlimit: apt-get install bubblewrap "
                + "util-linux");
        }
        return new Bubblewrap(bwrap.get(), prlimit.get(), Set.of(), Set.of(), limits);
    }

    /** The same sandbox, also showing {@code readOnly} paths and letting tools write in {@code readWrite}. */
    public Bubblewrap seeing(List<Path> readOnlyPaths, List<Path> readWritePaths) {
        Set<Path> ro = new LinkedHashSet<>(readOnly);
        readOnlyPaths.stream().map(p -> p.toAbsolutePath().normalize()).forEach(ro::add);
        Set<Path> rw = new LinkedHashSet<>(readWrite);
        readWritePaths.stream().map(p -> p.toAbsolutePath().normalize()).forEach(rw::add);
        return new Bubblewrap(bwrap, prlimit, ro, rw, limits);
    }

    /** The settings every sandboxed tool runs under, as a build's provenance records them. */
    public java.util.Map<String, String> settings() {
        return java.util.Map.of("kind", "bubblewrap", "namespaces", "all unshared (no network)",
            "filesystem", "system read-only, sources read-only, fresh /tmp", "cpu-seconds",
            Long.toString(limits.cpuSeconds()), "memory-bytes", Long.toString(limits.memoryBytes()),
            "file-size-bytes", Long.toString(limits.fileSizeBytes()));
    }

    public SandboxLimits limits() {
        return limits;
    }

    @Override
    public List<String> wrap(List<String> command, Path workDir) {
        List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent",
            "--new-session", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
            "--setenv", "LC_ALL", "C.UTF-8"));
        for (String dir : SYSTEM) {
            if (Files.exists(Path.of(dir))) {
                c.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String link : MERGED_USR) {
            Path p = Path.of("/", link);
            if (Files.isSymbolicLink(p)) {
                c.addAll(List.of("--symlink", "usr/" + link, p.toString()));
            }
        }
        c.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (Path p : readOnly) {
            if (Files.exists(p)) {
                c.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        for (Path p : readWrite) {
            c.addAll(List.of("--bind", p.toString(), p.toString()));
        }
        if (workDir != null) {
            c.addAll(List.of("--chdir", workDir.toAbsolutePath().toString()));
        }
        c.addAll(List.of("--", prlimit.toString(), "--cpu=" + limits.cpuSeconds(), "--as=" + limits.memoryBytes(),
            "--fsize=" + limits.fileSizeBytes(), "--core=0", "--"));
        c.addAll(command);
        return c;
    }
}
