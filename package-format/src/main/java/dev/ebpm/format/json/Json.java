package dev.ebpm.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ebpm.format.PackageFormatException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON conventions of the package format, shared by every reader and writer: duplicate keys are
 * accepted and the last one wins (bpftool writes some), and output is compact with keys sorted the way
 * eunomia's serde_json writes them, so the same package always gives the same bytes.
 *
 * <p>JSON is read and written with Jackson's streaming parser and generator straight into and out of
 * trees: building an {@code ObjectMapper} costs about 40 ms in a fresh JVM, a fifth of a short command's
 * run. The YAML mapper is built only when YAML is used.
 */
public final class Json {
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Json() {
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build())
            .nodeFactory(NODES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses JSON text; a syntax error names the line and column. Text after the value is an error. */
    public static JsonNode parse(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() == null) {
                throw new PackageFormatException("empty document, expected JSON");
            }
            JsonNode node = read(p);
            if (p.nextToken() != null) {
                throw new PackageFormatException("not valid JSON: unexpected text after the value"
                    + location(p.currentLocation()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PackageFormatException("not valid JSON: " + brief(e) + location(e.getLocation()), e);
        } catch (IOException e) {
            throw new PackageFormatException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A streaming parser, for documents too large to hold as one tree. */
    public static JsonParser parser(java.io.InputStream in) throws IOException {
        return JSON.createParser(in);
    }

    /** Builds the tree of the value the parser is on; a repeated key keeps its last value. */
    public static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new PackageFormatException("not valid JSON: unexpected " + t + location(p.currentLocation()));
        }
    }

    public static JsonNode parseYaml(byte[] bytes) {
        try {
            JsonNode node = Yaml.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new PackageFormatException("empty document, expected YAML");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PackageFormatException("not valid YAML: " + brief(e) + location(e.getLocation()), e);
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

    private static String location(com.fasterxml.jackson.core.JsonLocation l) {
        return l == null ? "" : ", line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** Compact JSON with every object's keys sorted: the canonical bytes of a document. */
    public static byte[] canonical(JsonNode node) {
        return write(node, false);
    }

    public static String canonicalString(JsonNode node) {
        return new String(canonical(node), StandardCharsets.UTF_8);
    }

    /** Indented JSON with sorted keys, for files people read. */
    public static String pretty(JsonNode node) {
        return new String(write(node, true), StandardCharsets.UTF_8) + "\n";
    }

    private static byte[] write(JsonNode node, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            writeSorted(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeSorted(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            g.writeStartObject();
            for (String k : keys) {
                g.writeFieldName(k);
                writeSorted(node.get(k), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode e : node) {
                writeSorted(e, g);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            g.writeNull();
        } else if (node.isBigInteger()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.longValue());
        } else if (node.isBigDecimal()) {
            g.writeNumber(node.decimalValue());
        } else if (node.isNumber()) {
            g.writeNumber(node.doubleValue());
        } else {
            throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as JSON");
        }
    }

    public static byte[] yaml(JsonNode node) {
        try {
            return Yaml.MAPPER.writeValueAsBytes(sorted(node));
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
