package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;

/** The {@code @cmdarg} annotation of a variable: how its command-line flag is spelled. Every part is optional. */
public record CmdArg(JsonNode defaultValue, String longName, String shortName, String help, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("default", "long", "short", "help");

    public CmdArg {
        extras = Map.copyOf(extras);
    }

    public static CmdArg read(JsonFields f) {
        return new CmdArg(f.raw("default"), f.string("long"), f.string("short"), f.string("help"), f.extras(KEYS));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (defaultValue != null) {
            o.set("default", defaultValue);
        }
        MetaJson.putIfSet(o, "long", longName);
        MetaJson.putIfSet(o, "short", shortName);
        MetaJson.putIfSet(o, "help", help);
        Json.putAll(o, extras);
        return o;
    }
}
