package dev.ebpm.format.object;

/**
 * A map libbpf will create for the object. For a map declared in {@code .maps}, {@code name} is the
 * variable name and the types come from its BTF definition; for an internal map ({@code .rodata},
 * {@code .bss}, …) {@code name} is libbpf's generated name ({@code client_b.rodata}) and {@code section}
 * the ELF section it holds. Type ids are 0 where BTF gives none; sizes are 0 where not declared.
 */
public record MapInfo(String name, String ident, String section, boolean internal, boolean mmapable, MapType type,
                      long rawType, int keyTypeId, int valueTypeId, long keySize, long valueSize, long maxEntries) {
}
