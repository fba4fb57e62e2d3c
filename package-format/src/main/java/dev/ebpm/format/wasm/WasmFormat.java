package dev.ebpm.format.wasm;

/** What ecc, ecli and the registry agree on about a WebAssembly module's bytes. */
public final class WasmFormat {
    /** Larger than any wasm-bpf module with its embedded object; a guard against reading gigabytes. */
    public static final int MAX_MODULE_BYTES = 64 << 20;
    /** The name eunomia's ecc, ecli push/pull and wasm-bpf examples give a module. */
    public static final String DEFAULT_FILE_NAME = "app.wasm";
    public static final String FILE_EXTENSION = ".wasm";
    /** The HTTP media type of a module's bytes (a REST publish of a module). */
    public static final String MEDIA_TYPE = "application/wasm";
    /** The OCI config and layer media types of a module, as eunomia's ecli pushes and pulls them. */
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.wasm.config.v1+json";
    public static final String LAYER_MEDIA_TYPE = "application/vnd.wasm.content.layer.v1+wasm";

    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    private WasmFormat() {
    }

    /** Whether these bytes start like a WebAssembly binary ({@code \0asm}). */
    public static boolean looksLikeWasm(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1] && bytes[2] == MAGIC[2]
            && bytes[3] == MAGIC[3];
    }
}
