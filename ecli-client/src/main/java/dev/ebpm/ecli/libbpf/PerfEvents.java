package dev.ebpm.ecli.libbpf;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * {@code perf_event_open(2)} for the software cpu-clock event on one CPU, every process, the one perf event
 * ecli opens (for perf_event programs). glibc has no wrapper, so it is the raw system call, called through
 * JNA's variadic path as {@code syscall(2)} is variadic.
 */
public final class PerfEvents {
    private static final int PERF_TYPE_SOFTWARE = 1;
    private static final int PERF_COUNT_SW_CPU_CLOCK = 0;
    /** {@code sizeof(struct perf_event_attr)} as of PERF_ATTR_SIZE_VER8; the kernel zero-checks the rest. */
    private static final int ATTR_SIZE = 136;
    private static final long FLAG_FREQ = 1L << 10;
    private static final long PERF_FLAG_FD_CLOEXEC = 1L << 3;
    private static final Function SYSCALL = Function.getFunction(com.sun.jna.Platform.C_LIBRARY_NAME, "syscall");

    private PerfEvents() {
    }

    /**
     * A perf event fd counting CPU time on {@code cpu} for every process, sampling {@code frequency} times a
     * second, or (frequency 0) once every {@code period} ns; a negative errno when the kernel refuses.
     */
    public static int openCpuClock(int cpu, long frequency, long period) {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        attr.setInt(0, PERF_TYPE_SOFTWARE);
        attr.setInt(4, ATTR_SIZE);
        attr.setLong(8, PERF_COUNT_SW_CPU_CLOCK);
        attr.setLong(16, frequency > 0 ? frequency : period);
        attr.setLong(40, frequency > 0 ? FLAG_FREQ : 0);
        long fd = SYSCALL.invokeLong(new Object[] {number(), attr, -1L, (long) cpu, -1L, PERF_FLAG_FD_CLOEXEC});
        return fd < 0 ? -Native.getLastError() : (int) fd;
    }

    private static long number() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 298;
            case "aarch64", "arm64" -> 241;
            default -> throw new UnsupportedOperationException("perf_event_open on " + System.getProperty("os.arch"));
        };
    }
}
