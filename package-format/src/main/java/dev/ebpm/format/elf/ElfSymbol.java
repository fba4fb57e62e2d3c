package dev.ebpm.format.elf;

/** One entry of the ELF symbol table. */
public record ElfSymbol(String name, int info, int other, int sectionIndex, long value, long size) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public static final int STV_DEFAULT = 0;
    public static final int STV_INTERNAL = 1;
    public static final int STV_HIDDEN = 2;

    public int type() {
        return info & 0xf;
    }

    public int binding() {
        return info >>> 4;
    }

    public boolean isFunction() {
        return type() == STT_FUNC;
    }

    public boolean isLocal() {
        return binding() == STB_LOCAL;
    }

    public int visibility() {
        return other & 0x3;
    }
}
