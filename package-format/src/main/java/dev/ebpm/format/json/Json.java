package dev.ebpm.format.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ebpm.format.PackageFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON conventions of the package format, shared by every reader and writer: duplicate keys are
 * accepted and the last one wins (bpftool writes some), and output is compact with keys sorted the way
 * eunomia's serde_json writes them, so the same package always gives the same bytes.
 */
public final class Json {
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper JSON = JsonMapper.builder().nodeFactory(NODES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())
        .nodeFactory(NODES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses JSON text; a syntax error names the line and column. */
    public static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new PackageFormatException("empty document, expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PackageFormatException("not valid JSON: " + brief(e) + location(e), e);
        } catch (IOException e) {
            throw new PackageFormatException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode parseYaml(byte[] bytes) {
        try {
            JsonNode node = YAML.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new PackageFormatException("empty document, expected YAML");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PackageFormatException("not valid YAML: " + brief(e) + location(e), e);
        } catch (IOException e) {
            throw new PackageFormatException("cannot read YAML: " + e.getMessage(), e);
        }
    }

    /** Jackson's message without its source excerpt and start-marker details. */
    private static String brief(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int cut = m.indexOf(" (start marker at");
        if (cut >= 0) {
            m = m.substring(0, cut);
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
            : ", line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Compact JSON with every object's keys sorted: the canonical bytes of a document. */
    public static byte[] canonical(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    public static String canonicalString(JsonNode node) {
        return new String(canonical(node), StandardCharsets.UTF_8);
    }

    /** Indented JSON with sorted keys, for files people read. */
    public static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    public static byte[] yaml(JsonNode node) {
        try {
            return YAML.writeValueAsBytes(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written as YAML", e);
        }
    }

    /** A deep copy of the tree with the keys of every object in sorted order. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            ObjectNode out = NODES.objectNode();
            for (String k : keys) {
                out.set(k, sorted(node.get(k)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode e : node) {
                out.add(sorted(e));
            }
            return out;
        }
        return node;
    }

    /** Copies every entry of {@code extras} into {@code target} where the target does not already set the key. */
    public static void putAll(ObjectNode target, Map<String, JsonNode> extras) {
        for (Map.Entry<String, JsonNode> e : extras.entrySet()) {
            if (!target.has(e.getKey())) {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
