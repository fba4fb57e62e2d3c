package dev.ebpm.format.btf;

/** The BTF type kinds, numbered as in {@code include/uapi/linux/btf.h}. */
public enum BtfKind {
    VOID, INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FUNC_PROTO, VAR,
    DATASEC, FLOAT, DECL_TAG, TYPE_TAG, ENUM64;

    private static final BtfKind[] BY_CODE = values();

    public static BtfKind fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new BtfException("unknown BTF kind " + code);
        }
        return BY_CODE[code];
    }

    /** Kinds that only qualify the type they point at and do not change its layout. */
    public boolean isModifier() {
        return this == VOLATILE || this == CONST || this == RESTRICT || this == TYPE_TAG;
    }
}
