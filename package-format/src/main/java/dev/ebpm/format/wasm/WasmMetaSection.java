package dev.ebpm.format.wasm;

import dev.ebpm.format.meta.ObjectMeta;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The custom sections that ecc appends to the modules it builds: {@value #NAME}, the eunomia meta of the
 * embedded object (programs, maps, doc comments, export types), and {@value #README}, the tool's README, so
 * that a module describes itself as a package does. Runtimes ignore custom sections, eunomia's included; a
 * module without them is described from its object alone.
 */
public final class WasmMetaSection {
    public static final String NAME = "ebpm.meta";
    public static final String README = "ebpm.readme";

    private WasmMetaSection() {
    }

    /** The module with the sections appended (custom sections may follow every other section); readme may be null. */
    public static byte[] append(byte[] module, ObjectMeta meta, String readme) {
        byte[] out = section(module, NAME, meta.toCanonicalJson());
        return readme == null ? out : section(out, README, readme.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] section(byte[] module, String sectionName, byte[] payload) {
        byte[] name = sectionName.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        leb128(content, name.length);
        content.writeBytes(name);
        content.writeBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + content.size() + 8);
        out.writeBytes(module);
        out.write(0);
        leb128(out, content.size());
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static void leb128(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }
}
