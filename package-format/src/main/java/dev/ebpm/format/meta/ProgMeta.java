package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;

/**
 * A BPF program: its function name and {@code attach}, the ELF section name that says where it attaches
 * ({@code tracepoint/syscalls/sys_enter_openat}, {@code tc}, {@code xdp}, …). Doc-comment keys
 * ({@code description}, {@code tchook}, {@code ifindex}, custom {@code @key}s) live in {@code extras}.
 * {@code autoload} false (an ebpm edit) leaves the program out of the load, as a tool's user space does
 * with {@code bpf_program__set_autoload}; null means the default, loaded.
 */
public record ProgMeta(String name, String attach, boolean link, Boolean autoload, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("name", "attach", "link", "autoload");

    public ProgMeta {
        extras = Map.copyOf(extras);
    }

    public static ProgMeta read(JsonFields f) {
        Boolean link = f.bool("link");
        return new ProgMeta(f.requiredString("name"), f.requiredString("attach"), link == null || link, f.bool("autoload"),
            f.extras(KEYS));
    }

    public String description() {
        JsonNode d = extras.get("description");
        return d != null && d.isTextual() ? d.asText() : null;
    }

    private String path() {
        return "progs[name=" + name + "]";
    }

    /** The {@code @tchook} of a {@code tc} program: defaults to ingress on ifindex 1 (lo). */
    public TcHook tcHook() {
        JsonNode n = extras.get("tchook");
        return n == null || n.isNull() ? TcHook.DEFAULT : TcHook.read(JsonFields.of(n, path() + ".tchook"));
    }

    /** The {@code @tcopts} of a {@code tc} program: handle 1, priority 1 unless set. */
    public TcOpts tcOpts() {
        JsonNode n = extras.get("tcopts");
        return n == null || n.isNull() ? TcOpts.DEFAULT : TcOpts.read(JsonFields.of(n, path() + ".tcopts"));
    }

    /** The {@code @ifindex}, {@code @flags} and {@code @xdpopts} of an {@code xdp} program. */
    public XdpOptions xdpOptions() {
        ObjectNode holder = Json.object();
        extras.forEach(holder::set);
        return XdpOptions.read(JsonFields.of(holder, path()));
    }

    /** The {@code @perfevent} of a {@code perf_event} program: 49 Hz unless set. */
    public PerfEventOptions perfEvent() {
        JsonNode n = extras.get(PerfEventOptions.KEY);
        return n == null || n.isNull() ? PerfEventOptions.DEFAULT
            : PerfEventOptions.read(JsonFields.of(n, path() + "." + PerfEventOptions.KEY));
    }

    public ProgMeta withAttach(String newAttach) {
        return new ProgMeta(name, newAttach, link, autoload, extras);
    }

    public ProgMeta withExtras(Map<String, JsonNode> newExtras) {
        return new ProgMeta(name, attach, link, autoload, newExtras);
    }

    /** Whether the program is loaded (and attached): unless {@code autoload} is false. */
    public boolean loads() {
        return autoload == null || autoload;
    }

    public ProgMeta withAutoload(boolean newAutoload) {
        return new ProgMeta(name, attach, link, newAutoload, extras);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("attach", attach);
        o.put("link", link);
        MetaJson.putIfSet(o, "autoload", autoload);
        Json.putAll(o, extras);
        return o;
    }
}
