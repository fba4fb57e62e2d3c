package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.json.JsonFields;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code @stacks} annotation of a sampled map whose key holds stack ids, as a CPU profiler counts samples
 * per stack: {@code /// @stacks {"map": "stacks", "kernel": "kstack", "user": "ustack", "top": 10}}. {@code map}
 * is the {@code BPF_MAP_TYPE_STACK_TRACE} map the ids index, {@code kernel}/{@code user} the key fields that
 * hold them (at least one), {@code top} how many of the most counted stacks each sample prints (10). ecli prints
 * them with kernel and user symbols instead of the raw ids. Kept in the map's meta under {@code stacks}, which
 * eunomia's tools ignore (they print the ids).
 */
public record MapStacks(String map, String kernel, String user, int top) {
    public static final String KEY = "stacks";
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 1000;

    /** The map's annotation, checked; empty when it has none. */
    public static Optional<MapStacks> of(MapMeta map) {
        JsonNode node = map.extras().get(KEY);
        return node == null ? Optional.empty()
            : Optional.of(read(JsonFields.of(node, "maps." + map.name() + "." + KEY)));
    }

    public static MapStacks read(JsonFields f) {
        for (String key : f.extras(Set.of("map", "kernel", "user", "top")).keySet()) {
            throw f.invalid(key, "is not a @stacks setting (map, kernel, user, top)");
        }
        String map = f.requiredString("map");
        String kernel = f.string("kernel");
        String user = f.string("user");
        if (kernel == null && user == null) {
            throw f.invalid("kernel", "or user must name the key field that holds a stack id");
        }
        Long top = f.integer("top", 1, MAX_TOP);
        return new MapStacks(map, kernel, user, top == null ? DEFAULT_TOP : top.intValue());
    }
}
