package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A memory-mapped data section ({@code .rodata}, {@code .bss}, {@code .data}) and its non-static variables. */
public record DataSection(String name, List<Variable> variables, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("name", "variables");

    public DataSection {
        variables = List.copyOf(variables);
        extras = Map.copyOf(extras);
    }

    public DataSection(String name, List<Variable> variables) {
        this(name, variables, Map.of());
    }

    public static DataSection read(JsonFields f) {
        return new DataSection(f.requiredString("name"), f.objects("variables", Variable::read), f.extras(KEYS));
    }

    public DataSection withVariables(List<Variable> newVariables) {
        return new DataSection(name, newVariables, extras);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        ArrayNode vars = o.putArray("variables");
        variables.forEach(v -> vars.add(v.toJson()));
        Json.putAll(o, extras);
        return o;
    }
}
