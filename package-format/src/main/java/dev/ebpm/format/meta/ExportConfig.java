package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.List;

/**
 * A map's {@code export_config}, consulted only in multiple-export mode: {@code "no_export"},
 * {@code "default"}, {@code {"btf_type_id": N}} or {@code {"custom_members": [...]}}.
 */
public sealed interface ExportConfig {
    JsonNode toJson();

    record NoExport() implements ExportConfig {
        public JsonNode toJson() {
            return TextNode.valueOf("no_export");
        }
    }

    record Default() implements ExportConfig {
        public JsonNode toJson() {
            return TextNode.valueOf("default");
        }
    }

    record BtfTypeId(long typeId) implements ExportConfig {
        public JsonNode toJson() {
            ObjectNode o = Json.object();
            o.put("btf_type_id", typeId);
            return o;
        }
    }

    record CustomMember(String name, long offset, long btfTypeId) {
    }

    record CustomMembers(List<CustomMember> members) implements ExportConfig {
        public CustomMembers {
            members = List.copyOf(members);
        }

        public JsonNode toJson() {
            ObjectNode o = Json.object();
            ArrayNode arr = o.putArray("custom_members");
            for (CustomMember m : members) {
                arr.addObject().put("name", m.name()).put("offset", m.offset()).put("btf_type_id", m.btfTypeId());
            }
            return o;
        }
    }

    static ExportConfig read(JsonNode node, String path) {
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "no_export" -> new NoExport();
                case "default" -> new Default();
                default -> throw JsonFields.error(path,
                    "expected \"no_export\", \"default\" or an object, found \"" + node.asText() + "\"");
            };
        }
        JsonFields f = JsonFields.of(node, path);
        if (f.has("btf_type_id")) {
            return new BtfTypeId(f.requiredInteger("btf_type_id", 0, 0xffffffffL));
        }
        if (f.has("custom_members")) {
            return new CustomMembers(f.objects("custom_members", m -> new CustomMember(m.requiredString("name"),
                m.requiredInteger("offset", 0, Long.MAX_VALUE), m.requiredInteger("btf_type_id", 0, 0xffffffffL))));
        }
        throw f.invalid("", "expected a btf_type_id or custom_members key");
    }
}
