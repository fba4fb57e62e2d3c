package dev.ebpm.format.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A WebAssembly module, parsed and validated by Chicory's parser, with what ebpm needs to know of it: whether
 * it is a WASI command (it exports {@code _start}), what it imports, and the BPF object it carries. wasm-bpf
 * modules embed their object as constant data (a byte array or a C string: the same bytes), so the object is
 * found in the data segments as an ELF header for the BPF machine whose section table ends inside the segment,
 * and then parsed as any object is. A module ecc built also carries the object's meta
 * ({@link WasmMetaSection}). The object, meta and README are looked for only when asked for: running a module
 * needs none of them.
 */
public record WasmModuleInfo(WasmModule module, String what, int size, boolean command, List<String> imports) {
    private static final short EM_BPF = 247;
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    public WasmModuleInfo {
        imports = List.copyOf(imports);
    }

    /** Reads a module of at most {@link WasmFormat#MAX_MODULE_BYTES}; anything else is a one-line error. */
    public static WasmModuleInfo read(byte[] bytes, String what) {
        if (bytes.length > WasmFormat.MAX_MODULE_BYTES) {
            throw new PackageFormatException(what + ": " + bytes.length + " bytes, more than the "
                + WasmFormat.MAX_MODULE_BYTES + " a wasm module may have");
        }
        if (!WasmFormat.looksLikeWasm(bytes)) {
            throw new PackageFormatException(what + ": not a WebAssembly binary (no \\0asm header)");
        }
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException | UnsupportedOperationException e) {
            throw new PackageFormatException(what + ": not a valid WebAssembly module: " + e.getMessage());
        }
        boolean command = false;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            command |= e.name().equals("_start") && e.exportType() == ExternalType.FUNCTION;
        }
        List<String> imports = new ArrayList<>();
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            imports.add(section.getImport(i).module() + "." + section.getImport(i).name());
        }
        return new WasmModuleInfo(module, what, bytes.length, command, imports);
    }

    /** The BPF object the module embeds, if it embeds one. */
    public Optional<byte[]> bpfObject() {
        return embeddedObject(module);
    }

    /** The meta ecc wrote into the {@value WasmMetaSection#NAME} section, when there is one; a bad one is an error. */
    public Optional<ObjectMeta> meta() {
        return meta(module, what);
    }

    /** The README ecc wrote into the {@value WasmMetaSection#README} section, when there is one. */
    public Optional<String> readme() {
        return custom(module, WasmMetaSection.README).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Whether the module calls the wasm_bpf host functions, i.e. is a wasm-bpf module and not plain WASI. */
    public boolean usesWasmBpf() {
        return imports.stream().anyMatch(i -> i.startsWith("wasm_bpf."));
    }

    private static Optional<ObjectMeta> meta(WasmModule module, String what) {
        return custom(module, WasmMetaSection.NAME).map(bytes -> {
            try {
                return ObjectMeta.parse(bytes, what + " (its " + WasmMetaSection.NAME + " section)");
            } catch (RuntimeException e) {
                throw new PackageFormatException(what + ": its " + WasmMetaSection.NAME + " section is not valid: "
                    + e.getMessage());
            }
        });
    }

    private static Optional<byte[]> custom(WasmModule module, String name) {
        for (CustomSection section : module.customSections()) {
            if (section instanceof UnknownCustomSection u && u.name().equals(name)) {
                return Optional.of(u.bytes());
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> embeddedObject(WasmModule module) {
        for (DataSegment segment : module.dataSection().dataSegments()) {
            byte[] data = segment.data();
            for (int at = indexOf(data, 0); at >= 0; at = indexOf(data, at + 1)) {
                Optional<byte[]> object = objectAt(data, at);
                if (object.isPresent()) {
                    return object;
                }
            }
        }
        return Optional.empty();
    }

    /** The BPF ELF starting at {@code at}, when the bytes there are one (64-bit, little-endian, EM_BPF). */
    private static Optional<byte[]> objectAt(byte[] data, int at) {
        if (data.length - at < 64 || data[at + 4] != 2 || data[at + 5] != 1) {
            return Optional.empty();
        }
        ByteBuffer h = ByteBuffer.wrap(data, at, 64).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (h.getShort(18) != EM_BPF) {
            return Optional.empty();
        }
        long end = h.getLong(0x28) + (long) Short.toUnsignedInt(h.getShort(0x3c)) * Short.toUnsignedInt(h.getShort(0x3a));
        if (end <= 64 || end > data.length - at) {
            return Optional.empty();
        }
        byte[] elf = Arrays.copyOfRange(data, at, at + (int) end);
        try {
            BpfObject.parse(elf);
            return Optional.of(elf);
        } catch (RuntimeException e) {
            // ObjectFormatException and the ELF/BTF readers' errors: these bytes only looked like an object.
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] data, int from) {
        outer:
        for (int i = from; i + ELF_MAGIC.length <= data.length; i++) {
            for (int j = 0; j < ELF_MAGIC.length; j++) {
                if (data[i + j] != ELF_MAGIC[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
