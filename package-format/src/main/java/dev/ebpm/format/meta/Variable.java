package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A global variable of a data section ({@code .rodata}, {@code .bss}, …). {@code value}, when set, is
 * written into the section before load; {@code type} is the C type as libbpf prints it.
 */
public record Variable(String name, String type, JsonNode value, String description, CmdArg cmdarg,
                       Map<String, JsonNode> extras) {
    /** Variables the compiler adds to force export structs into BTF; never shown as flags. */
    public static final String DUMMY_PREFIX = "__eunomia_dummy";

    private static final Set<String> KEYS = Set.of("name", "type", "value", "description", "cmdarg");

    public Variable {
        extras = Map.copyOf(extras);
    }

    public static Variable of(String name, String type) {
        return new Variable(name, type, null, null, null, Map.of());
    }

    public static Variable read(JsonFields f) {
        JsonFields cmd = f.object("cmdarg");
        return new Variable(f.requiredString("name"), f.requiredString("type"), f.raw("value"),
            f.string("description"), cmd == null ? null : CmdArg.read(cmd), f.extras(KEYS));
    }

    public boolean isDummy() {
        return name.startsWith(DUMMY_PREFIX);
    }

    /** The value the package sets: {@code value}, else the {@code @cmdarg} default; empty when neither is set. */
    public Optional<JsonNode> configuredValue() {
        if (value != null && !value.isNull()) {
            return Optional.of(value);
        }
        if (cmdarg != null && cmdarg.defaultValue() != null && !cmdarg.defaultValue().isNull()) {
            return Optional.of(cmdarg.defaultValue());
        }
        return Optional.empty();
    }

    public Variable withValue(JsonNode newValue) {
        return new Variable(name, type, newValue, description, cmdarg, extras);
    }

    public Variable withDoc(String newDescription, CmdArg newCmdarg, Map<String, JsonNode> newExtras) {
        return new Variable(name, type, value, newDescription, newCmdarg, newExtras);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("type", type);
        if (value != null) {
            o.set("value", value);
        }
        MetaJson.putIfSet(o, "description", description);
        if (cmdarg != null) {
            o.set("cmdarg", cmdarg.toJson());
        }
        Json.putAll(o, extras);
        return o;
    }
}
