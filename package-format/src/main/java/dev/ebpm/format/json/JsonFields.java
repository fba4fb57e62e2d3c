package dev.ebpm.format.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.FreeText;
import dev.ebpm.format.PackageFormatException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object and knows where it sits in the document, so every error names
 * the exact field ({@code meta.bpf_skel.progs[1].attach: expected a string, found a number}).
 */
public final class JsonFields {
    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Wraps a node that must be a JSON object. */
    public static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new PackageFormatException(path + ": expected an object, found " + describe(node));
        }
        return new JsonFields((ObjectNode) node, path);
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        if (key.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    /** An error about the value at {@code path} as a whole. */
    public static PackageFormatException error(String path, String problem) {
        return new PackageFormatException(path + ": " + problem);
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The raw value, or null when the key is missing or null. */
    public JsonNode raw(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    public String requiredString(String key) {
        String s = string(key);
        if (s == null) {
            throw missing(key, "a string");
        }
        return s;
    }

    /** A {@code sha256:…} digest; a malformed one is an error naming this field. */
    public Digest requiredDigest(String key) {
        String text = requiredString(key);
        try {
            return Digest.parse(text);
        } catch (PackageFormatException e) {
            throw invalid(key, e.getMessage());
        }
    }

    public String string(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(key, "a string", v);
        }
        return text(v.asText(), pathOf(key));
    }

    /** Text in a package document is for people: a NUL character in it is refused (PostgreSQL cannot keep it). */
    private static String text(String s, String path) {
        if (FreeText.hasNul(s)) {
            throw new PackageFormatException(path + ": contains a NUL character (U+0000)");
        }
        return s;
    }

    public Boolean bool(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(key, "true or false", v);
        }
        return v.booleanValue();
    }

    public boolean requiredBool(String key) {
        Boolean b = bool(key);
        if (b == null) {
            throw missing(key, "true or false");
        }
        return b;
    }

    /** An integer within [min, max]. */
    public Long integer(String key, long min, long max) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            String expected = min == 0 ? "an unsigned integer" : "an integer";
            if (max != Long.MAX_VALUE) {
                expected += " from " + min + " to " + max;
            }
            throw wrongType(key, expected, v);
        }
        return v.longValue();
    }

    public long requiredInteger(String key, long min, long max) {
        Long v = integer(key, min, max);
        if (v == null) {
            throw missing(key, "an integer");
        }
        return v;
    }

    public JsonFields requiredObject(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            throw missing(key, "an object");
        }
        return of(v, pathOf(key));
    }

    public JsonFields object(String key) {
        JsonNode v = raw(key);
        return v == null ? null : of(v, pathOf(key));
    }

    /** A list of objects; a missing key or null reads as empty (eunomia's ecc writes {@code "maps": null}). */
    public <T> List<T> objects(String key, Function<JsonFields, T> reader) {
        JsonNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(key, "an array", v);
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(reader.apply(of(v.get(i), pathOf(key) + "[" + i + "]")));
        }
        return Collections.unmodifiableList(out);
    }

    public List<String> strings(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(key, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new PackageFormatException(pathOf(key) + "[" + i + "]: expected a string, found "
                    + describe(v.get(i)));
            }
            out.add(text(v.get(i).asText(), pathOf(key) + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
    }

    /** Every key not in {@code known}, in document order: unknown keys survive a read and a write. */
    public Map<String, JsonNode> extras(Set<String> known) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public PackageFormatException missing(String key, String expected) {
        return new PackageFormatException(pathOf(key) + ": missing, expected " + expected);
    }

    public PackageFormatException wrongType(String key, String expected, JsonNode found) {
        return new PackageFormatException(pathOf(key) + ": expected " + expected + ", found " + describe(found));
    }

    public PackageFormatException invalid(String key, String problem) {
        return new PackageFormatException(pathOf(key) + ": " + problem);
    }

    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return switch (n.getNodeType()) {
            case STRING -> "the string " + text;
            case NUMBER -> "the number " + text;
            case BOOLEAN -> text;
            case NULL -> "null";
            case ARRAY -> "an array " + text;
            case OBJECT -> "an object " + text;
            default -> text;
        };
    }
}
