package dev.ebpm.compiler.toolchain;

/**
 * Resource limits for each sandboxed tool, set with {@code prlimit}: CPU seconds (RLIMIT_CPU, then
 * SIGXCPU), address space (RLIMIT_AS: allocations fail), and the size of any file it writes (RLIMIT_FSIZE,
 * then SIGXFSZ). Wall time is the runner's timeout.
 */
public record SandboxLimits(long cpuSeconds, long memoryBytes, long fileSizeBytes) {
    public static final SandboxLimits DEFAULT = new SandboxLimits(60, 4L << 30, 64L << 20);

    private static final int SIGXCPU = 24;
    private static final int SIGXFSZ = 25;
    private static final int SIGKILL = 9;
    private static final int SIGABRT = 6;

    /** What stopped a tool that exited with {@code exitCode}, when a limit did; null otherwise. */
    public String explain(int exitCode, String stderr) {
        int signal = exitCode > 128 ? exitCode - 128 : 0;
        if (signal == SIGXCPU || signal == SIGKILL && stderr.isBlank()) {
            return "it used more than " + cpuSeconds + " s of CPU time and was stopped (a runaway macro "
                + "expansion or include loop?)";
        }
        if (signal == SIGXFSZ) {
            return "it tried to write a file larger than " + (fileSizeBytes >> 20) + " MiB and was stopped";
        }
        if (stderr.contains("out of memory") || stderr.contains("bad_alloc") || stderr.contains("Cannot allocate")
            || signal == SIGABRT && stderr.contains("LLVM ERROR")) {
            return "it ran out of memory (the limit is " + (memoryBytes >> 20) + " MiB)";
        }
        return null;
    }
}
