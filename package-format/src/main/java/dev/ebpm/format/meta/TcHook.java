package dev.ebpm.format.meta;

import dev.ebpm.format.json.JsonFields;

import java.util.Set;

/** Where a tc program hooks in: an interface and {@code BPF_TC_INGRESS}, {@code BPF_TC_EGRESS} or {@code BPF_TC_CUSTOM}. */
public record TcHook(int ifindex, String attachPoint) {
    public static final TcHook DEFAULT = new TcHook(1, "BPF_TC_INGRESS");
    private static final Set<String> POINTS = Set.of("BPF_TC_INGRESS", "BPF_TC_EGRESS", "BPF_TC_CUSTOM");

    static TcHook read(JsonFields f) {
        Long ifindex = f.integer("ifindex", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String point = f.string("attach_point");
        if (point != null && !POINTS.contains(point)) {
            throw f.invalid("attach_point", "expected BPF_TC_INGRESS, BPF_TC_EGRESS or BPF_TC_CUSTOM, found \""
                + point + "\"");
        }
        return new TcHook(ifindex == null ? DEFAULT.ifindex : ifindex.intValue(),
            point == null ? DEFAULT.attachPoint : point);
    }
}
