package dev.ebpm.compiler.wasm;

import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The C declarations of a package's export types for wasm32 code: what eunomia's {@code --wasm-header}
 * step is for. The BPF target and wasm32 disagree on sizes ({@code long} and pointers are 8 bytes on one
 * and 4 on the other) and on alignment, so the user's own header cannot be included as it is. Each struct
 * is written from the object's BTF with fixed-width types, packed, with explicit padding at the offsets
 * the BPF side uses, and a static assertion of its size; what has no portable C spelling (bitfields,
 * anonymous members) becomes bytes of the same size.
 */
public final class WasmTypesHeader {
    private final Btf btf;
    private final Set<Integer> emitted = new LinkedHashSet<>();
    private final StringBuilder out = new StringBuilder();

    private WasmTypesHeader(Btf btf) {
        this.btf = btf;
    }

    /** The declarations of the composite types {@code typeIds} and of the named ones they contain. */
    public static String declarations(Btf btf, List<Long> typeIds) {
        WasmTypesHeader h = new WasmTypesHeader(btf);
        for (long id : typeIds) {
            BtfType t = btf.resolve((int) id);
            if (t instanceof BtfType.Composite c) {
                h.composite(c);
            }
        }
        return h.out.toString();
    }

    private void composite(BtfType.Composite c) {
        if (!emitted.add(c.id())) {
            return;
        }
        for (BtfType.Member m : c.members()) {
            BtfType inner = elementOf(btf.resolve(m.type()));
            if (inner instanceof BtfType.Composite nested && !nested.name().isEmpty() && !m.isBitfield()) {
                composite(nested);
            }
        }
        String keyword = c.isUnion() ? "union" : "struct";
        StringBuilder b = new StringBuilder(keyword + " __attribute__((packed)) " + c.name() + " {\n");
        long at = 0;
        List<BtfType.Member> members = c.members();
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            long offset = m.bitOffset() / 8;
            if (c.isUnion()) {
                at = 0;
            }
            if (offset > at) {
                b.append("    uint8_t __pad_").append(at).append('[').append(offset - at).append("];\n");
                at = offset;
            }
            if (m.isBitfield() || m.bitOffset() % 8 != 0) {
                // A run of bitfields becomes the bytes it covers, up to the next member that starts on a byte.
                long end = c.size();
                int j = i + 1;
                while (j < members.size() && (members.get(j).isBitfield() || members.get(j).bitOffset() % 8 != 0)) {
                    j++;
                }
                if (j < members.size() && !c.isUnion()) {
                    end = members.get(j).bitOffset() / 8;
                }
                if (end > at) {
                    b.append("    uint8_t __bits_").append(at).append('[').append(end - at).append("];\n");
                    at = end;
                }
                i = c.isUnion() ? i : j - 1;
                continue;
            }
            long size = btf.sizeOf(m.type());
            String name = m.name().isEmpty() ? "__anon_" + offset : m.name();
            String decl = declaration(m.type(), name);
            b.append("    ").append(decl == null ? "uint8_t " + name + "[" + size + "]" : decl).append(";\n");
            at = c.isUnion() ? Math.max(at, offset + size) : offset + size;
        }
        if (c.size() > at) {
            b.append("    uint8_t __pad_").append(at).append('[').append(c.size() - at).append("];\n");
        }
        b.append("};\n_Static_assert(sizeof(").append(keyword).append(' ').append(c.name()).append(") == ")
            .append(c.size()).append(", \"").append(keyword).append(' ').append(c.name())
            .append(" has the size of the BPF side's\");\n\n");
        out.append(b);
    }

    /** {@code type name}, with array dimensions, or null when only bytes can stand for it. */
    private String declaration(int typeId, String name) {
        BtfType t = btf.resolve(typeId);
        StringBuilder dims = new StringBuilder();
        while (t instanceof BtfType.Array a) {
            dims.append('[').append(a.length()).append(']');
            t = btf.resolve(a.elementType());
        }
        String scalar = scalar(t);
        return scalar == null ? null : scalar + " " + name + dims;
    }

    /** The fixed-width C type of a scalar BTF type (integers, enums, pointers, floats), or null. */
    public static String scalarType(Btf btf, int typeId) {
        BtfType t = btf.resolve(typeId);
        return t instanceof BtfType.Composite ? null : new WasmTypesHeader(btf).scalar(t);
    }

    /** The element type of an array (of arrays), or the type itself. */
    private BtfType elementOf(BtfType t) {
        while (t instanceof BtfType.Array a) {
            t = btf.resolve(a.elementType());
        }
        return t;
    }

    private String scalar(BtfType t) {
        if (t instanceof BtfType.Int i) {
            if (i.isBool()) {
                return "uint8_t";
            }
            if (i.size() == 1 && (i.isChar() || i.name().equals("char"))) {
                return "char";
            }
            return integer(i.size(), i.isSigned());
        }
        if (t instanceof BtfType.Enum e) {
            return integer(e.size(), e.signed());
        }
        if (t instanceof BtfType.Ptr) {
            return "uint64_t";
        }
        if (t instanceof BtfType.Float f) {
            return f.size() == 4 ? "float" : f.size() == 8 ? "double" : null;
        }
        if (t instanceof BtfType.Composite c && !c.name().isEmpty()) {
            return (c.isUnion() ? "union " : "struct ") + c.name();
        }
        return null;
    }

    private static String integer(int size, boolean signed) {
        return switch (size) {
            case 1, 2, 4, 8 -> (signed ? "int" : "uint") + (size * 8) + "_t";
            case 16 -> signed ? "__int128" : "unsigned __int128";
            default -> null;
        };
    }
}
