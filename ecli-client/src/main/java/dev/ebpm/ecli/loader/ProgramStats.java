package dev.ebpm.ecli.loader;

import com.sun.jna.Memory;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.NativeLibc;

/**
 * How long a loaded program has run and how often, from {@code struct bpf_prog_info}. The kernel counts only
 * while statistics are on: {@link #enable} turns them on for as long as the returned switch stays open
 * (BPF_ENABLE_STATS, so the machine's {@code kernel.bpf_stats_enabled} is left as it was).
 */
public record ProgramStats(long runTimeNs, long runCount) {
    /** Offsets in the UAPI struct bpf_prog_info (stable: fields are only ever added at its end). */
    private static final int RUN_TIME_NS = 192;
    private static final int RUN_CNT = 200;
    private static final int INFO_SIZE = 208;
    private static final int BPF_STATS_RUN_TIME = 0;

    /** The statistics of the program behind {@code fd}, or null when the kernel gives none. */
    public static ProgramStats read(int fd) {
        Memory info = new Memory(INFO_SIZE);
        info.clear();
        Memory len = new Memory(4);
        len.setInt(0, INFO_SIZE);
        if (NativeLibbpf.bpf_obj_get_info_by_fd(fd, info, len) != 0 || len.getInt(0) < INFO_SIZE) {
            return null;
        }
        return new ProgramStats(info.getLong(RUN_TIME_NS), info.getLong(RUN_CNT));
    }

    /** Whether {@code kernel.bpf_stats_enabled} is 1: the kernel counts every program's runs. */
    public static boolean enabledBySystem() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/bpf_stats_enabled")).strip()
                .equals("1");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Turns the kernel's run-time statistics on until {@link Switch#close}; a switch that did nothing if refused. */
    public static Switch enable() {
        return new Switch(NativeLibbpf.bpf_enable_stats(BPF_STATS_RUN_TIME));
    }

    /** Statistics on while open. */
    public static final class Switch implements AutoCloseable {
        private final int fd;

        private Switch(int fd) {
            this.fd = fd;
        }

        /** Whether the kernel counts now (it refuses without CAP_SYS_ADMIN, or before Linux 5.8). */
        public boolean on() {
            return fd >= 0;
        }

        @Override
        public void close() {
            if (fd >= 0) {
                NativeLibc.close(fd);
            }
        }
    }
}
