package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A struct whose values a ring buffer, perf array or sampled map carries. Offsets are never stored: they
 * come from the BTF type {@code typeId} of the embedded object. The member list chooses and orders the
 * printed fields.
 */
public record ExportType(String name, List<ExportMember> members, long size, long typeId,
                         Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("name", "members", "size", "type_id");

    public ExportType {
        members = List.copyOf(members);
        extras = Map.copyOf(extras);
    }

    public static ExportType read(JsonFields f) {
        String name = f.requiredString("name");
        if (!f.has("members")) {
            throw f.missing("members", "an array");
        }
        return new ExportType(name, f.objects("members", ExportMember::read),
            f.requiredInteger("size", 0, 0xffffffffL), f.requiredInteger("type_id", 0, 0xffffffffL), f.extras(KEYS));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        ArrayNode arr = o.putArray("members");
        members.forEach(m -> arr.add(m.toJson()));
        o.put("size", size);
        o.put("type_id", typeId);
        Json.putAll(o, extras);
        return o;
    }
}
