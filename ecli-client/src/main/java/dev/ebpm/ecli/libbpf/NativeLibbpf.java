package dev.ebpm.ecli.libbpf;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The raw libbpf calls ecli makes, bound with JNA direct mapping (Debian's {@code libbpf.so.1}: every call
 * here is in libbpf 1.1; ecli is tested with bookworm-backports' 1.4.6).
 * Signatures only: pointer results are NULL with errno set on failure, int results a negative errno.
 * Everything else goes through {@link Libbpf}, which checks results and names the object that failed.
 */
@SuppressWarnings("checkstyle:MethodName")
public final class NativeLibbpf {
    public static final String LIBRARY = "libbpf.so.1";

    static {
        Native.register(NativeLibbpf.class, NativeLibrary.getInstance(LIBRARY));
    }

    private NativeLibbpf() {
    }

    /** {@code int (*)(enum libbpf_print_level, const char *fmt, va_list)}. */
    public interface PrintCallback extends Callback {
        int invoke(int level, Pointer format, Pointer args);
    }

    /** {@code void (*)(void *ctx, int cpu, void *data, __u32 size)}. */
    public interface PerfSampleCallback extends Callback {
        void invoke(Pointer ctx, int cpu, Pointer data, int size);
    }

    /** {@code void (*)(void *ctx, int cpu, __u64 cnt)}. */
    public interface PerfLostCallback extends Callback {
        void invoke(Pointer ctx, int cpu, long count);
    }

    public static native Pointer libbpf_set_print(PrintCallback fn);

    public static native int libbpf_strerror(int err, byte[] buf, long size);

    public static native int libbpf_num_possible_cpus();

    public static native Pointer bpf_object__open_mem(Pointer buf, long size, Pointer opts);

    public static native int bpf_object__load(Pointer obj);

    public static native void bpf_object__close(Pointer obj);

    public static native Pointer bpf_object__find_map_by_name(Pointer obj, String name);

    public static native Pointer bpf_object__find_program_by_name(Pointer obj, String name);

    public static native int bpf_map__fd(Pointer map);

    public static native int bpf_map__max_entries(Pointer map);

    public static native int bpf_map__set_max_entries(Pointer map, int maxEntries);

    public static native Pointer bpf_map__initial_value(Pointer map, Pointer size);

    public static native int bpf_program__fd(Pointer prog);

    /** Fills {@code info} (a struct bpf_prog_info of {@code *len} bytes) for the object behind {@code fd}. */
    public static native int bpf_obj_get_info_by_fd(int fd, Pointer info, Pointer len);

    /** BPF_ENABLE_STATS: the kernel counts programs' run time while the returned fd stays open. */
    public static native int bpf_enable_stats(int type);

    public static native int bpf_program__set_autoload(Pointer prog, boolean autoload);

    public static native int bpf_program__set_attach_target(Pointer prog, int attachProgFd, String attachFuncName);

    public static native Pointer bpf_program__attach(Pointer prog);

    public static native Pointer bpf_program__attach_tracepoint(Pointer prog, String category, String name);

    public static native Pointer bpf_program__attach_raw_tracepoint(Pointer prog, String name);

    public static native Pointer bpf_program__attach_uprobe_opts(Pointer prog, int pid, String binaryPath,
                                                                  long funcOffset, Pointer opts);

    public static native Pointer bpf_program__attach_cgroup(Pointer prog, int cgroupFd);

    public static native int bpf_link__destroy(Pointer link);

    public static native int bpf_tc_hook_create(Pointer hook);

    public static native int bpf_tc_hook_destroy(Pointer hook);

    public static native int bpf_tc_attach(Pointer hook, Pointer opts);

    public static native int bpf_tc_detach(Pointer hook, Pointer opts);

    public static native int bpf_xdp_attach(int ifindex, int progFd, int flags, Pointer opts);

    public static native int bpf_xdp_detach(int ifindex, int flags, Pointer opts);

    public static native Pointer perf_buffer__new(int mapFd, long pageCount, PerfSampleCallback sample,
                                                  PerfLostCallback lost, Pointer ctx, Pointer opts);

    public static native int perf_buffer__poll(Pointer pb, int timeoutMs);

    public static native void perf_buffer__free(Pointer pb);

    public static native int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

    public static native int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

    public static native int bpf_map_lookup_elem_flags(int fd, Pointer key, Pointer value, long flags);

    public static native int bpf_map_delete_elem(int fd, Pointer key);

    public static native int bpf_map_get_next_key(int fd, Pointer key, Pointer nextKey);

    /** 1 when this kernel loads programs of {@code progType}, 0 when not, negative errno when unsure. */
    public static native int libbpf_probe_bpf_prog_type(int progType, Pointer opts);

    /** 1 when this kernel creates maps of {@code mapType}, 0 when not, negative errno when unsure. */
    public static native int libbpf_probe_bpf_map_type(int mapType, Pointer opts);

    /** 1 when programs of {@code progType} may call helper {@code helperId} here, 0 when not. */
    public static native int libbpf_probe_bpf_helper(int progType, int helperId, Pointer opts);

    /** The BTF id of a kernel function for an attach type, or a negative errno. */
    public static native int libbpf_find_vmlinux_btf_id(String name, int attachType);

    /** {@code bpf_prog_load(type, name, license, insns, insn_cnt, opts)}: a program fd or a negative errno. */
    public static native int bpf_prog_load(int progType, String name, String license, Pointer insns, long insnCount,
                                           Pointer opts);

    /** {@code bpf_link_create(prog_fd, target_fd, attach_type, opts)}: a link fd or a negative errno. */
    public static native int bpf_link_create(int progFd, int targetFd, int attachType, Pointer opts);

    /** Attaches a program to an open perf event; on success the link owns (and closes) {@code pfd}. */
    public static native Pointer bpf_program__attach_perf_event(Pointer prog, int pfd);
}
