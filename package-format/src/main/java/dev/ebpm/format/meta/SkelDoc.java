package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;

/** The program's own documentation, from the doc comment on {@code LICENSE}. Every part is an optional string. */
public record SkelDoc(String version, String brief, String details, String description, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("version", "brief", "details", "description");

    public SkelDoc {
        extras = Map.copyOf(extras);
    }

    public static SkelDoc read(JsonFields f) {
        return new SkelDoc(f.string("version"), f.string("brief"), f.string("details"), f.string("description"),
            f.extras(KEYS));
    }

    /** The one-line summary eunomia shows above the flags: brief, else description. */
    public String summary() {
        return brief != null ? brief : description;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        MetaJson.putIfSet(o, "version", version);
        MetaJson.putIfSet(o, "brief", brief);
        MetaJson.putIfSet(o, "details", details);
        MetaJson.putIfSet(o, "description", description);
        Json.putAll(o, extras);
        return o;
    }
}
