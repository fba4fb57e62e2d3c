package dev.ebpm.format.object;

/** What kind of program an ELF section name (libbpf's SEC() convention) declares. */
public enum SectionKind {
    TRACEPOINT, RAW_TRACEPOINT, TP_BTF, TRACING, LSM, UPROBE, KPROBE, TC, XDP, PERF_EVENT, OTHER;

    public static SectionKind of(String section) {
        String s = section.startsWith("?") ? section.substring(1) : section;
        int slash = s.indexOf('/');
        String prefix = slash < 0 ? s : s.substring(0, slash);
        return switch (prefix) {
            case "tp", "tracepoint" -> TRACEPOINT;
            case "raw_tp", "raw_tracepoint", "raw_tp.w", "raw_tracepoint.w" -> RAW_TRACEPOINT;
            case "tp_btf" -> TP_BTF;
            case "fentry", "fexit", "fmod_ret", "fentry.s", "fexit.s", "fmod_ret.s" -> TRACING;
            case "lsm", "lsm.s" -> LSM;
            case "uprobe", "uretprobe", "uprobe.s", "uretprobe.s" -> UPROBE;
            case "kprobe", "kretprobe", "ksyscall", "kretsyscall", "kprobe.multi", "kretprobe.multi" -> KPROBE;
            case "tc", "classifier", "action" -> TC;
            case "xdp", "xdp.frags" -> XDP;
            case "perf_event" -> PERF_EVENT;
            default -> OTHER;
        };
    }

    /** The part after the kind, e.g. {@code syscalls/sys_enter_openat}; empty when there is none. */
    public static String target(String section) {
        int slash = section.indexOf('/');
        return slash < 0 ? "" : section.substring(slash + 1);
    }

    /** True for kinds whose target libbpf fixes at load time (BTF ids), not at attach time. */
    public boolean targetIsSetBeforeLoad() {
        return this == TRACING || this == LSM || this == TP_BTF;
    }
}
