package dev.ebpm.format.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of a 64-bit little-endian ELF relocatable object, which is what clang writes for
 * {@code -target bpf}. Every offset is bounds-checked, so a truncated or hostile file gives an
 * {@link ElfFormatException} rather than an index error.
 */
public final class ElfFile {
    public static final int EM_BPF = 247;

    private static final int ELFCLASS64 = 2;
    private static final int ELFDATA2LSB = 1;
    private static final int HEADER_SIZE = 64;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int SYMBOL_SIZE = 24;

    private final ByteBuffer bytes;
    private final int machine;
    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;

    private ElfFile(ByteBuffer bytes, int machine, List<ElfSection> sections, List<ElfSymbol> symbols) {
        this.bytes = bytes;
        this.machine = machine;
        this.sections = sections;
        this.symbols = symbols;
    }

    public static ElfFile parse(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < HEADER_SIZE || data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
            throw new ElfFormatException("not an ELF file (bad magic)");
        }
        if (data[4] != ELFCLASS64) {
            throw new ElfFormatException("not a 64-bit ELF file (class " + data[4] + ")");
        }
        if (data[5] != ELFDATA2LSB) {
            throw new ElfFormatException("not a little-endian ELF file");
        }
        int machine = Short.toUnsignedInt(buf.getShort(18));
        long shoff = buf.getLong(40);
        int shentsize = Short.toUnsignedInt(buf.getShort(58));
        int shnum = Short.toUnsignedInt(buf.getShort(60));
        int shstrndx = Short.toUnsignedInt(buf.getShort(62));
        if (shnum == 0) {
            throw new ElfFormatException("ELF file has no section headers");
        }
        if (shentsize != SECTION_HEADER_SIZE) {
            throw new ElfFormatException("unexpected section header size " + shentsize);
        }
        checkRange(data.length, shoff, (long) shnum * SECTION_HEADER_SIZE, "section header table");
        if (shstrndx >= shnum) {
            throw new ElfFormatException("section name table index " + shstrndx + " out of range");
        }

        List<long[]> raw = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int base = (int) (shoff + (long) i * SECTION_HEADER_SIZE);
            raw.add(new long[] {
                Integer.toUnsignedLong(buf.getInt(base)),       // name
                Integer.toUnsignedLong(buf.getInt(base + 4)),   // type
                buf.getLong(base + 8),                          // flags
                buf.getLong(base + 16),                         // addr
                buf.getLong(base + 24),                         // offset
                buf.getLong(base + 32),                         // size
                Integer.toUnsignedLong(buf.getInt(base + 40)),  // link
                Integer.toUnsignedLong(buf.getInt(base + 44)),  // info
                buf.getLong(base + 56),                         // entsize
            });
        }
        long[] shstr = raw.get(shstrndx);
        checkRange(data.length, shstr[4], shstr[5], "section name table");
        List<ElfSection> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long[] r = raw.get(i);
            String name = readString(buf, shstr[4], shstr[5], r[0], "section name");
            ElfSection s = new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], r[5], (int) r[6], (int) r[7], r[8]);
            if (s.hasFileData()) {
                checkRange(data.length, s.offset(), s.size(), "section " + name);
            }
            sections.add(s);
        }
        List<ElfSymbol> symbols = readSymbols(buf, sections);
        return new ElfFile(buf, machine, Collections.unmodifiableList(sections), symbols);
    }

    private static List<ElfSymbol> readSymbols(ByteBuffer buf, List<ElfSection> sections) {
        // A stripped executable or library keeps only its dynamic symbols: better those than none.
        ElfSection symtab = sections.stream().filter(s -> s.type() == ElfSection.SHT_SYMTAB).findFirst()
            .or(() -> sections.stream().filter(s -> s.type() == ElfSection.SHT_DYNSYM).findFirst()).orElse(null);
        if (symtab == null) {
            return List.of();
        }
        if (symtab.link() <= 0 || symtab.link() >= sections.size()) {
            throw new ElfFormatException("symbol table links to a missing string table");
        }
        ElfSection strtab = sections.get(symtab.link());
        int count = (int) (symtab.size() / SYMBOL_SIZE);
        List<ElfSymbol> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int base = (int) (symtab.offset() + (long) i * SYMBOL_SIZE);
            long nameOff = Integer.toUnsignedLong(buf.getInt(base));
            String name = readString(buf, strtab.offset(), strtab.size(), nameOff, "symbol name");
            symbols.add(new ElfSymbol(name, Byte.toUnsignedInt(buf.get(base + 4)), Byte.toUnsignedInt(buf.get(base + 5)),
                Short.toUnsignedInt(buf.getShort(base + 6)), buf.getLong(base + 8), buf.getLong(base + 16)));
        }
        return Collections.unmodifiableList(symbols);
    }

    private static void checkRange(int fileSize, long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > fileSize) {
            throw new ElfFormatException(what + " lies outside the file (offset " + offset + ", length " + length
                + ", file size " + fileSize + ")");
        }
    }

    private static String readString(ByteBuffer buf, long tableOffset, long tableSize, long offset, String what) {
        if (offset >= tableSize) {
            throw new ElfFormatException(what + " offset " + offset + " is outside its string table");
        }
        int start = (int) (tableOffset + offset);
        int end = start;
        int limit = (int) (tableOffset + tableSize);
        while (end < limit && buf.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public int machine() {
        return machine;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public ElfSection section(int index) {
        if (index <= 0 || index >= sections.size()) {
            throw new ElfFormatException("section index " + index + " out of range");
        }
        return sections.get(index);
    }

    /** The section's bytes as a little-endian read-only buffer; empty for NOBITS sections. */
    public ByteBuffer data(ElfSection section) {
        if (!section.hasFileData()) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return bytes.slice((int) section.offset(), (int) section.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    public byte[] bytes(ElfSection section) {
        ByteBuffer b = data(section);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
