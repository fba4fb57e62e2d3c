package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.meta.ObjectMeta;

import java.util.Map;

/**
 * eunomia's "composed object", the content of a {@code package.json}: the BPF ELF object and its meta.
 * {@code extras} holds top-level keys other than the three eunomia writes. The ELF array is not copied;
 * callers must not change it.
 */
public record EunomiaPackage(byte[] elf, ObjectMeta meta, Map<String, JsonNode> extras) {
    public EunomiaPackage {
        extras = Map.copyOf(extras);
    }

    public EunomiaPackage(byte[] elf, ObjectMeta meta) {
        this(elf, meta, Map.of());
    }
}
