package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;

/**
 * The {@code @sample} annotation of a map: read it every {@code interval} ms. {@code type}, {@code unit}
 * and {@code clearMap} are null when the package leaves them out (defaults: default_kv, "(unit)", false).
 */
public record MapSample(long interval, SampleType type, String unit, Boolean clearMap, Map<String, JsonNode> extras) {
    public static final String DEFAULT_UNIT = "(unit)";

    private static final Set<String> KEYS = Set.of("interval", "type", "unit", "clear_map");

    public MapSample {
        extras = Map.copyOf(extras);
    }

    public static MapSample read(JsonFields f) {
        String type = f.string("type");
        SampleType parsed = null;
        if (type != null) {
            parsed = SampleType.fromJson(type).orElseThrow(() -> f.invalid("type",
                "expected one of log2_hist, linear_hist, default_kv, found \"" + type + "\""));
        }
        return new MapSample(f.requiredInteger("interval", 0, Long.MAX_VALUE), parsed, f.string("unit"),
            f.bool("clear_map"), f.extras(KEYS));
    }

    public SampleType typeOrDefault() {
        return type == null ? SampleType.DEFAULT_KV : type;
    }

    public String unitOrDefault() {
        return unit == null ? DEFAULT_UNIT : unit;
    }

    public boolean clearMapOrDefault() {
        return clearMap != null && clearMap;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("interval", interval);
        if (type != null) {
            o.put("type", type.json());
        }
        MetaJson.putIfSet(o, "unit", unit);
        if (clearMap != null) {
            o.put("clear_map", clearMap);
        }
        Json.putAll(o, extras);
        return o;
    }
}
