package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map's {@code intepreter} (eunomia's spelling): how ring-buffer or perf events are shown.
 * {@code "default_struct"} decodes the export struct; {@code {"stack_trace": {...}}} prints stacks.
 */
public sealed interface Interpreter {
    JsonNode toJson();

    record DefaultStruct() implements Interpreter {
        public JsonNode toJson() {
            return TextNode.valueOf("default_struct");
        }
    }

    /** {@code fieldMap} renames the fields pid, cpu_id, comm, kstack_sz, ustack_sz, kstack, ustack. */
    record StackTrace(Map<String, String> fieldMap, Boolean withSymbols) implements Interpreter {
        public StackTrace {
            fieldMap = Map.copyOf(fieldMap);
        }

        public boolean withSymbolsOrDefault() {
            return withSymbols == null || withSymbols;
        }

        public JsonNode toJson() {
            ObjectNode o = Json.object();
            ObjectNode inner = o.putObject("stack_trace");
            ObjectNode fm = inner.putObject("field_map");
            fieldMap.forEach(fm::put);
            MetaJson.putIfSet(inner, "with_symbols", withSymbols);
            return o;
        }
    }

    static Interpreter read(JsonNode node, String path) {
        if (node.isTextual() && node.asText().equals("default_struct")) {
            return new DefaultStruct();
        }
        JsonFields st = node.isObject() ? JsonFields.of(node, path).object("stack_trace") : null;
        if (st == null) {
            throw JsonFields.error(path, "expected \"default_struct\" or {\"stack_trace\": {...}}, found "
                + JsonFields.describe(node));
        }
        Map<String, String> fieldMap = new LinkedHashMap<>();
        JsonFields fm = st.object("field_map");
        if (fm != null) {
            for (String key : new String[] {"pid", "cpu_id", "comm", "kstack_sz", "ustack_sz", "kstack", "ustack"}) {
                String v = fm.string(key);
                if (v != null) {
                    fieldMap.put(key, v);
                }
            }
        }
        return new StackTrace(fieldMap, st.bool("with_symbols"));
    }
}
