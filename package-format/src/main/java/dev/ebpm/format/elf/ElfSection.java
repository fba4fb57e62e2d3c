package dev.ebpm.format.elf;

/** One section header of an ELF file; {@code address} is where it sits in memory (0 in relocatable objects). */
public record ElfSection(int index, String name, int type, long flags, long address, long offset, long size, int link,
                         int info, long entrySize) {
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final int SHT_DYNSYM = 11;

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    /** A NOBITS section (such as {@code .bss}) occupies no bytes in the file. */
    public boolean hasFileData() {
        return type != SHT_NOBITS;
    }
}
