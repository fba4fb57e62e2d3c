package dev.ebpm.format.object;

/** The names libbpf and bpftool derive from file and section names. */
public final class ObjectNames {
    /** The kernel's BPF_OBJ_NAME_LEN, including the terminating NUL. */
    public static final int BPF_OBJ_NAME_LEN = 16;

    private ObjectNames() {
    }

    /** bpftool's object name for a file: {@code client.bpf.o} gives {@code client_bpf}. */
    public static String objectName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (base.length() > 63) {
            base = base.substring(0, 63);
        }
        if (base.endsWith(".o")) {
            base = base.substring(0, base.length() - 2);
        }
        return sanitizeIdentifier(base);
    }

    /** ecc's object file name for a source: the name up to its first dot, {@code sigsnoop.bpf.c} gives {@code sigsnoop}. */
    public static String sourceStem(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.indexOf('.');
        return dot <= 0 ? base : base.substring(0, dot);
    }

    /** Every character that cannot appear in a C identifier becomes {@code _}. */
    public static String sanitizeIdentifier(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
        }
        return b.toString();
    }

    /**
     * libbpf's name for the internal map of a data section: a prefix of the object name and the section
     * name, 15 characters at most ({@code client_bpf} + {@code .rodata} = {@code client_b.rodata}); sections
     * with a second dot ({@code .rodata.str1.1}) get no prefix.
     */
    public static String internalMapName(String objName, String sectionName) {
        int sfxLen = Math.min(Math.max(7, sectionName.length()), BPF_OBJ_NAME_LEN - 1);
        int pfxLen = sectionName.indexOf('.', 1) >= 0 ? 0
            : Math.min(BPF_OBJ_NAME_LEN - sfxLen - 1, objName.length());
        String name = objName.substring(0, pfxLen) + sectionName.substring(0, Math.min(sfxLen, sectionName.length()));
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
        }
        return b.toString();
    }

    /** bpftool's skeleton identifier of an internal map: {@code client_b.rodata} gives {@code rodata}. */
    public static String internalMapIdent(String mapName) {
        for (String sfx : new String[] {".data", ".rodata", ".bss", ".kconfig"}) {
            int at = mapName.indexOf(sfx);
            if (at >= 0) {
                return sanitizeIdentifier(mapName.substring(at + 1));
            }
        }
        return null;
    }
}
