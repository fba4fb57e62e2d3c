package dev.ebpm.ecli.check;

import com.sun.jna.Memory;
import dev.ebpm.ecli.libbpf.LibbpfLog;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.ecli.loader.KernelRelease;
import dev.ebpm.ecli.loader.Kprobes;
import dev.ebpm.ecli.loader.Preflight;
import dev.ebpm.format.object.MapType;
import dev.ebpm.format.requirements.ProgramType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What this kernel offers, each answer found once: its release, BTF, privileges, tracefs, kernel functions,
 * and through libbpf's probes (which load tiny programs and create tiny maps, so they need privileges) the
 * program types, map types and helpers it supports, and whether it allows BPF trampolines. A probe that
 * cannot tell answers null.
 */
public final class KernelProbes {
    private static final int BPF_TRACE_RAW_TP = 23;
    private static final int BPF_TRACE_FENTRY = 24;
    private static final int BPF_LSM_MAC = 27;
    /** {@code r0 = 0; exit}: the smallest program the verifier accepts. */
    private static final byte[] RETURN_ZERO = {(byte) 0xb7, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
    /** The size of {@code bpf_prog_load_opts} up to {@code attach_btf_obj_fd}, padded: all the probe sets. */
    private static final int PROG_LOAD_OPTS = 48;

    private final Map<String, Boolean> answers = new HashMap<>();
    private Boolean trampolines;

    public static KernelProbes here() {
        return new KernelProbes();
    }

    private KernelProbes() {
        // libbpf's own warnings about what a probe did not find are the answer, not something to print.
        LibbpfLog.install(null);
    }

    /** {@code uname -r}. */
    public String release() {
        return KernelRelease.here();
    }

    /** Why this process cannot load programs (or attach network ones), or null when it can. */
    public String privilegeProblem(boolean network) {
        return Preflight.privilegeProblem(network);
    }

    public boolean privileged() {
        return privilegeProblem(false) == null;
    }

    public boolean btf() {
        return Files.isReadable(Preflight.KERNEL_BTF);
    }

    /** tracefs's events directory, or null when it is not mounted and cannot be. */
    public Path tracepoints() {
        try {
            return Preflight.tracefsEvents();
        } catch (RuntimeException e) {
            return null;
        }
    }

    public boolean kprobes() {
        return Kprobes.HERE.supported();
    }

    /** Whether /proc/kallsyms names the function (empty names for everyone but root say nothing: null). */
    public Boolean function(String name) {
        return answers.computeIfAbsent("fn " + name, k -> Kprobes.HERE.hasFunction(name));
    }

    /** Whether the kernel's BTF has this function (an fentry/fexit target): null without BTF. */
    public Boolean btfFunction(String name) {
        return btfId("fn", name, BPF_TRACE_FENTRY);
    }

    /** Whether the kernel's BTF has this LSM hook ({@code bpf_lsm_NAME}). */
    public Boolean lsmHook(String name) {
        return btfId("lsm", name, BPF_LSM_MAC);
    }

    /** Whether the kernel's BTF has this tracepoint for tp_btf programs ({@code btf_trace_NAME}). */
    public Boolean btfTracepoint(String name) {
        return btfId("tp", name, BPF_TRACE_RAW_TP);
    }

    private Boolean btfId(String kind, String name, int attachType) {
        if (!btf()) {
            return null;
        }
        return answers.computeIfAbsent("btf " + kind + " " + name, k -> {
            int r = NativeLibbpf.libbpf_find_vmlinux_btf_id(name, attachType);
            return r > 0 ? Boolean.TRUE : r == -2 ? Boolean.FALSE : null;
        });
    }

    public Boolean programType(ProgramType type) {
        return probe("prog " + type, () -> NativeLibbpf.libbpf_probe_bpf_prog_type(type.code(), null));
    }

    public Boolean mapType(MapType type) {
        return probe("map " + type, () -> NativeLibbpf.libbpf_probe_bpf_map_type(type.ordinal(), null));
    }

    public Boolean helper(ProgramType type, int helperId) {
        return probe("helper " + type + " " + helperId,
            () -> NativeLibbpf.libbpf_probe_bpf_helper(type.code(), helperId, null));
    }

    /**
     * Whether fentry programs attach: loads {@code r0 = 0; exit} as fentry on a kernel function and links it
     * (some kernels refuse one or the other with EPERM even for root), then closes both. Null when it cannot
     * tell (no privileges, no BTF, no function to try it on).
     */
    public Boolean trampolines() {
        if (trampolines == null && privileged() && btf()) {
            trampolines = probeTrampolines();
        }
        return trampolines;
    }

    private static Boolean probeTrampolines() {
        int btfId = -1;
        for (String fn : new String[] {"vfs_read", "do_sys_openat2", "schedule"}) {
            btfId = NativeLibbpf.libbpf_find_vmlinux_btf_id(fn, BPF_TRACE_FENTRY);
            if (btfId > 0) {
                break;
            }
        }
        if (btfId <= 0) {
            return null;
        }
        Memory insns = new Memory(RETURN_ZERO.length);
        insns.write(0, RETURN_ZERO, 0, RETURN_ZERO.length);
        Memory opts = new Memory(PROG_LOAD_OPTS);
        opts.clear();
        opts.setLong(0, PROG_LOAD_OPTS);
        opts.setInt(12, BPF_TRACE_FENTRY);
        opts.setInt(32, btfId);
        int prog = NativeLibbpf.bpf_prog_load(ProgramType.TRACING.code(), "ecli_probe", "GPL", insns, 2, opts);
        if (prog < 0) {
            return prog == -1 ? Boolean.FALSE : null;
        }
        try {
            int link = NativeLibbpf.bpf_link_create(prog, 0, BPF_TRACE_FENTRY, null);
            if (link >= 0) {
                NativeLibc.close(link);
                return Boolean.TRUE;
            }
            return link == -1 ? Boolean.FALSE : null;
        } finally {
            NativeLibc.close(prog);
        }
    }

    private Boolean probe(String key, java.util.function.IntSupplier call) {
        if (!privileged()) {
            return null;
        }
        return answers.computeIfAbsent(key, k -> {
            int r = call.getAsInt();
            return r == 1 ? Boolean.TRUE : r == 0 ? Boolean.FALSE : null;
        });
    }
}
