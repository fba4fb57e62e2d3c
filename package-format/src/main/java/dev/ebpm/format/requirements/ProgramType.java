package dev.ebpm.format.requirements;

import dev.ebpm.format.object.SectionKind;

/**
 * The kernel's {@code enum bpf_prog_type} values ebpm's section kinds load as, with the release that added
 * each (uprobes: the release that let BPF attach to them).
 */
public enum ProgramType {
    KPROBE(2, "4.1"), SCHED_CLS(3, "4.1"), TRACEPOINT(5, "4.7"), XDP(6, "4.8"), PERF_EVENT(7, "4.9"),
    RAW_TRACEPOINT(17, "4.17"), TRACING(26, "5.5"), LSM(29, "5.7");

    private final int code;
    private final KernelVersion since;

    ProgramType(int code, String since) {
        this.code = code;
        this.since = KernelVersion.parse(since);
    }

    public int code() {
        return code;
    }

    public KernelVersion since() {
        return since;
    }

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type a section loads as; null for a kind this table does not know (libbpf still may). */
    public static ProgramType of(SectionKind kind) {
        return switch (kind) {
            case TRACEPOINT -> TRACEPOINT;
            case RAW_TRACEPOINT -> RAW_TRACEPOINT;
            case TP_BTF, TRACING -> TRACING;
            case LSM -> LSM;
            case UPROBE, KPROBE -> KPROBE;
            case TC -> SCHED_CLS;
            case XDP -> XDP;
            case PERF_EVENT -> PERF_EVENT;
            case OTHER -> null;
        };
    }

    public static ProgramType fromJson(String name) {
        for (ProgramType t : values()) {
            if (t.json().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
