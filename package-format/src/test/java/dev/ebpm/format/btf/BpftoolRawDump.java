package dev.ebpm.format.btf;

import java.util.ArrayList;
import java.util.List;

/** Renders parsed BTF in {@code bpftool btf dump file X} (raw) format, so the parser can be checked against bpftool. */
final class BpftoolRawDump {
    private BpftoolRawDump() {
    }

    static List<String> lines(Btf btf) {
        List<String> out = new ArrayList<>();
        for (BtfType t : btf.types().subList(1, btf.size())) {
            out.add("[" + t.id() + "] " + t.kind() + " '" + (t.name().isEmpty() ? "(anon)" : t.name()) + "'"
                + details(btf, t));
        }
        return out;
    }

    private static String details(Btf btf, BtfType t) {
        StringBuilder b = new StringBuilder();
        if (t instanceof BtfType.Int i) {
            b.append(" size=").append(i.size()).append(" bits_offset=").append(i.bitOffset()).append(" nr_bits=")
                .append(i.bits()).append(" encoding=").append(switch (i.encoding()) {
                    case 0 -> "(none)";
                    case BtfType.Int.SIGNED -> "SIGNED";
                    case BtfType.Int.CHAR -> "CHAR";
                    case BtfType.Int.BOOL -> "BOOL";
                    default -> "UNKN";
                });
        } else if (t instanceof BtfType.Ptr p) {
            b.append(" type_id=").append(p.type());
        } else if (t instanceof BtfType.Array a) {
            b.append(" type_id=").append(a.elementType()).append(" index_type_id=").append(a.indexType())
                .append(" nr_elems=").append(Integer.toUnsignedString(a.length()));
        } else if (t instanceof BtfType.Composite c) {
            b.append(" size=").append(c.size()).append(" vlen=").append(c.members().size());
            for (BtfType.Member m : c.members()) {
                b.append("\n\t'").append(m.name().isEmpty() ? "(anon)" : m.name()).append("' type_id=")
                    .append(m.type()).append(" bits_offset=").append(m.bitOffset());
                if (m.isBitfield()) {
                    b.append(" bitfield_size=").append(m.bitfieldSize());
                }
            }
        } else if (t instanceof BtfType.Enum e) {
            b.append(" encoding=").append(e.signed() ? "SIGNED" : "UNSIGNED").append(" size=").append(e.size())
                .append(" vlen=").append(e.values().size());
            for (BtfType.EnumValue v : e.values()) {
                String val;
                if (e.kind() == BtfKind.ENUM64) {
                    val = e.signed() ? v.value() + "LL" : Long.toUnsignedString(v.value()) + "ULL";
                } else {
                    val = Long.toString(v.value());
                }
                b.append("\n\t'").append(v.name()).append("' val=").append(val);
            }
        } else if (t instanceof BtfType.Fwd f) {
            b.append(" fwd_kind=").append(f.union() ? "union" : "struct");
        } else if (t instanceof BtfType.Typedef td) {
            b.append(" type_id=").append(td.type());
        } else if (t instanceof BtfType.Modifier m) {
            b.append(" type_id=").append(m.type());
        } else if (t instanceof BtfType.Func f) {
            b.append(" type_id=").append(f.protoType()).append(" linkage=").append(linkage(f.linkage()));
        } else if (t instanceof BtfType.FuncProto fp) {
            b.append(" ret_type_id=").append(fp.returnType()).append(" vlen=").append(fp.params().size());
            for (BtfType.Param p : fp.params()) {
                b.append("\n\t'").append(p.name().isEmpty() ? "(anon)" : p.name()).append("' type_id=").append(p.type());
            }
        } else if (t instanceof BtfType.Var v) {
            b.append(" type_id=").append(v.type()).append(", linkage=").append(linkage(v.linkage()));
        } else if (t instanceof BtfType.DataSec d) {
            b.append(" size=").append(d.size()).append(" vlen=").append(d.vars().size());
            for (BtfType.VarSecInfo v : d.vars()) {
                b.append("\n\ttype_id=").append(v.type()).append(" offset=").append(v.offset()).append(" size=")
                    .append(v.size()).append(" (VAR '").append(btf.type(v.type()).name()).append("')");
            }
        } else if (t instanceof BtfType.Float f) {
            b.append(" size=").append(f.size());
        } else if (t instanceof BtfType.DeclTag dt) {
            b.append(" type_id=").append(dt.type()).append(" component_idx=").append(dt.componentIndex());
        }
        return b.toString();
    }

    private static String linkage(int linkage) {
        return switch (linkage) {
            case 0 -> "static";
            case 1 -> "global";
            case 2 -> "extern";
            default -> "(unknown)";
        };
    }
}
