package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;

/** One field of an export struct; {@code type} is informational ({@code char[16]}, {@code composite}, {@code enum}). */
public record ExportMember(String name, String type, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("name", "type");

    public ExportMember {
        extras = Map.copyOf(extras);
    }

    public ExportMember(String name, String type) {
        this(name, type, Map.of());
    }

    public static ExportMember read(JsonFields f) {
        return new ExportMember(f.requiredString("name"), f.requiredString("type"), f.extras(KEYS));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("type", type);
        Json.putAll(o, extras);
        return o;
    }
}
