package dev.ebpm.format.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.FreeText;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a build ran: the worker's name, the tools and their versions ({@code ecc}, {@code clang},
 * {@code libbpf}, ...) and the sandbox's settings. Small string maps, bounded, since the registry receives
 * them from a worker and signs them.
 */
public record BuildEnvironment(String worker, Map<String, String> tools, Map<String, String> sandbox) {
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_VALUE = 200;
    public static final int MAX_SIZE = 8 * 1024;

    public BuildEnvironment {
        tools = Map.copyOf(tools);
        sandbox = Map.copyOf(sandbox);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("worker", worker);
        ObjectNode t = o.putObject("tools");
        tools.forEach(t::put);
        ObjectNode s = o.putObject("sandbox");
        sandbox.forEach(s::put);
        return o;
    }

    public byte[] toBytes() {
        return Json.canonical(toJson());
    }

    public static BuildEnvironment parse(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new PackageFormatException("a build environment is at most " + MAX_SIZE + " bytes, this is "
                + bytes.length);
        }
        return read(JsonFields.of(Json.parse(bytes), "environment"));
    }

    public static BuildEnvironment read(JsonFields f) {
        String worker = f.requiredString("worker");
        check(f, "worker", worker);
        return new BuildEnvironment(worker, strings(f.object("tools")), strings(f.object("sandbox")));
    }

    private static Map<String, String> strings(JsonFields f) {
        Map<String, String> out = new TreeMap<>();
        if (f == null) {
            return out;
        }
        Map<String, JsonNode> all = f.extras(Set.of());
        if (all.size() > MAX_ENTRIES) {
            throw f.invalid("", "at most " + MAX_ENTRIES + " entries, found " + all.size());
        }
        for (String key : all.keySet()) {
            String value = f.requiredString(key);
            check(f, key, key);
            check(f, key, value);
            out.put(key, value);
        }
        return out;
    }

    private static void check(JsonFields f, String key, String value) {
        if (value.length() > MAX_VALUE || FreeText.hasNul(value) || value.chars().anyMatch(c -> c < 0x20)) {
            throw f.invalid(key, "must be at most " + MAX_VALUE + " printable characters");
        }
    }
}
