package dev.ebpm.format.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a BTF type as an abstract C declaration the way libbpf's {@code btf_dump__emit_type_decl} does
 * with an empty field name: {@code unsigned long long}, {@code char[16]}, {@code struct event *},
 * {@code int (*)[4]}, {@code const char *}. Typedefs are kept by name, never expanded.
 */
final class CTypeNames {
    private CTypeNames() {
    }

    static String declaration(Btf btf, int id, boolean stripModifiers) {
        String declarator = "";
        List<String> pendingModifiers = new ArrayList<>();
        BtfType t = btf.type(id);
        for (int guard = 0; guard <= btf.size(); guard++) {
            if (t instanceof BtfType.Modifier m) {
                if (!stripModifiers) {
                    pendingModifiers.add(0, keyword(m));
                }
                t = btf.type(m.type());
            } else if (t instanceof BtfType.Ptr p) {
                StringBuilder d = new StringBuilder("*");
                if (!pendingModifiers.isEmpty()) {
                    d.append(' ').append(String.join(" ", pendingModifiers));
                    pendingModifiers.clear();
                    if (!declarator.isEmpty()) {
                        d.append(' ');
                    }
                }
                declarator = d + declarator;
                t = btf.type(p.type());
            } else if (t instanceof BtfType.Array a) {
                // libbpf drops const/volatile written on an array itself (they belong to the element).
                pendingModifiers.clear();
                declarator = wrapPointer(declarator) + "[" + Integer.toUnsignedString(a.length()) + "]";
                t = btf.type(a.elementType());
            } else if (t instanceof BtfType.FuncProto fp) {
                pendingModifiers.clear();
                declarator = wrapPointer(declarator) + "(" + parameters(btf, fp, stripModifiers) + ")";
                t = btf.type(fp.returnType());
            } else {
                String prefix = pendingModifiers.isEmpty() ? "" : String.join(" ", pendingModifiers) + " ";
                String base = prefix + baseName(t);
                if (declarator.isEmpty()) {
                    return base;
                }
                return declarator.startsWith("[") ? base + declarator : base + " " + declarator;
            }
        }
        throw new BtfException("BTF type [" + id + "] is part of a reference cycle");
    }

    private static String wrapPointer(String declarator) {
        return declarator.startsWith("*") ? "(" + declarator + ")" : declarator;
    }

    private static String parameters(Btf btf, BtfType.FuncProto fp, boolean stripModifiers) {
        if (fp.params().isEmpty()) {
            return "void";
        }
        List<String> out = new ArrayList<>();
        for (BtfType.Param p : fp.params()) {
            out.add(p.type() == 0 ? "..." : declaration(btf, p.type(), stripModifiers));
        }
        return String.join(", ", out);
    }

    private static String keyword(BtfType.Modifier m) {
        return switch (m.kind()) {
            case CONST -> "const";
            case VOLATILE -> "volatile";
            case RESTRICT -> "restrict";
            default -> "__attribute__((btf_type_tag(\"" + m.name() + "\")))";
        };
    }

    private static String baseName(BtfType t) {
        if (t instanceof BtfType.Composite c) {
            return (c.isUnion() ? "union " : "struct ") + (c.name().isEmpty() ? "{...}" : c.name());
        } else if (t instanceof BtfType.Enum e) {
            return "enum " + (e.name().isEmpty() ? "{...}" : e.name());
        } else if (t instanceof BtfType.Fwd f) {
            return (f.union() ? "union " : "struct ") + f.name();
        }
        return t.name();
    }
}
