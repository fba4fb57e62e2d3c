package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ObjectMeta;

import java.util.Map;

/**
 * eunomia's "composed object", the content of a {@code package.json}: the BPF ELF object and its meta.
 * {@code extras} holds top-level keys other than the three eunomia writes; {@code btfs} the kernel BTF of
 * eunomia's btfgen tar (empty for a package.json). The ELF array is not copied; callers must not change it.
 */
public record EunomiaPackage(byte[] elf, ObjectMeta meta, Map<String, JsonNode> extras, KernelBtfArchive btfs) {
    public EunomiaPackage {
        extras = Map.copyOf(extras);
        btfs = btfs == null ? KernelBtfArchive.EMPTY : btfs;
    }

    public EunomiaPackage(byte[] elf, ObjectMeta meta) {
        this(elf, meta, Map.of(), KernelBtfArchive.EMPTY);
    }

    public EunomiaPackage(byte[] elf, ObjectMeta meta, KernelBtfArchive btfs) {
        this(elf, meta, Map.of(), btfs);
    }

    public EunomiaPackage withBtfs(KernelBtfArchive newBtfs) {
        return new EunomiaPackage(elf, meta, extras, newBtfs);
    }
}
