package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small writing helpers shared by the meta records. */
final class MetaJson {
    private MetaJson() {
    }

    static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    static void putIfSet(ObjectNode o, String key, Long value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    static void putIfSet(ObjectNode o, String key, Boolean value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
