package dev.ebpm.compiler.doc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys a doc comment sets, in order: plain text under {@code description}, {@code @word value}
 * annotations under {@code word}, Doxygen block commands ({@code @brief}, {@code @details},
 * {@code @version}) under their names.
 */
public record DocComment(Map<String, JsonNode> entries, int line) {
    public static final String DEFAULT_KEY = "description";

    public DocComment {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public JsonNode get(String key) {
        return entries.get(key);
    }

    public String text(String key) {
        JsonNode n = entries.get(key);
        return n == null ? null : n.asText();
    }
}
