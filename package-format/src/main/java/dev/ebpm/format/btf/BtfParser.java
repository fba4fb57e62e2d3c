package dev.ebpm.format.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes the raw BTF blob of a {@code .BTF} ELF section (or of {@code /sys/kernel/btf/vmlinux}). */
final class BtfParser {
    private static final int MAGIC = 0xeB9F;
    private static final int TYPE_HEADER_SIZE = 12;

    private final ByteBuffer buf;
    private final int typeStart;
    private final int typeEnd;
    private final int strStart;
    private final int strLen;

    private BtfParser(ByteBuffer data) {
        this.buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 24) {
            throw new BtfException("BTF data is too short for a header (" + buf.remaining() + " bytes)");
        }
        int base = buf.position();
        int magic = Short.toUnsignedInt(buf.getShort(base));
        if (magic != MAGIC) {
            throw new BtfException(String.format("bad BTF magic 0x%04x (expected 0xeb9f, little-endian)", magic));
        }
        long hdrLen = u32(base + 4);
        long typeOff = u32(base + 8);
        long typeLen = u32(base + 12);
        long strOff = u32(base + 16);
        long strLenL = u32(base + 20);
        long total = buf.remaining();
        if (hdrLen + typeOff + typeLen > total || hdrLen + strOff + strLenL > total) {
            throw new BtfException("BTF header points outside the data (" + total + " bytes)");
        }
        this.typeStart = (int) (base + hdrLen + typeOff);
        this.typeEnd = (int) (typeStart + typeLen);
        this.strStart = (int) (base + hdrLen + strOff);
        this.strLen = (int) strLenL;
    }

    static List<BtfType> parse(ByteBuffer data) {
        return new BtfParser(data).types();
    }

    private long u32(int at) {
        return Integer.toUnsignedLong(buf.getInt(at));
    }

    private List<BtfType> types() {
        List<BtfType> types = new ArrayList<>();
        types.add(new BtfType.Void());
        int pos = typeStart;
        while (pos < typeEnd) {
            need(pos, TYPE_HEADER_SIZE, types.size());
            int id = types.size();
            String name = string(buf.getInt(pos), id);
            int info = buf.getInt(pos + 4);
            int sizeOrType = buf.getInt(pos + 8);
            int vlen = info & 0xffff;
            BtfKind kind = BtfKind.fromCode((info >>> 24) & 0x1f);
            boolean kindFlag = (info >>> 31) != 0;
            pos += TYPE_HEADER_SIZE;
            BtfType type;
            switch (kind) {
                case INT -> {
                    need(pos, 4, id);
                    int enc = buf.getInt(pos);
                    pos += 4;
                    type = new BtfType.Int(id, name, sizeOrType, (enc >>> 24) & 0x0f, (enc >>> 16) & 0xff, enc & 0xff);
                }
                case PTR -> type = new BtfType.Ptr(id, sizeOrType);
                case ARRAY -> {
                    need(pos, 12, id);
                    type = new BtfType.Array(id, buf.getInt(pos), buf.getInt(pos + 4), buf.getInt(pos + 8));
                    pos += 12;
                }
                case STRUCT, UNION -> {
                    need(pos, 12L * vlen, id);
                    List<BtfType.Member> members = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, pos += 12) {
                        long offset = u32(pos + 8);
                        long bitOffset = kindFlag ? offset & 0xffffff : offset;
                        int bitfieldSize = kindFlag ? (int) (offset >>> 24) : 0;
                        members.add(new BtfType.Member(string(buf.getInt(pos), id), buf.getInt(pos + 4), bitOffset,
                            bitfieldSize));
                    }
                    type = new BtfType.Composite(id, name, kind, sizeOrType, members);
                }
                case ENUM -> {
                    need(pos, 8L * vlen, id);
                    List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, pos += 8) {
                        int raw = buf.getInt(pos + 4);
                        values.add(new BtfType.EnumValue(string(buf.getInt(pos), id),
                            kindFlag ? raw : Integer.toUnsignedLong(raw)));
                    }
                    type = new BtfType.Enum(id, name, kind, sizeOrType, kindFlag, values);
                }
                case ENUM64 -> {
                    need(pos, 12L * vlen, id);
                    List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, pos += 12) {
                        long value = (u32(pos + 8) << 32) | u32(pos + 4);
                        values.add(new BtfType.EnumValue(string(buf.getInt(pos), id), value));
                    }
                    type = new BtfType.Enum(id, name, kind, sizeOrType, kindFlag, values);
                }
                case FWD -> type = new BtfType.Fwd(id, name, kindFlag);
                case TYPEDEF -> type = new BtfType.Typedef(id, name, sizeOrType);
                case VOLATILE, CONST, RESTRICT, TYPE_TAG -> type = new BtfType.Modifier(id, name, kind, sizeOrType);
                case FUNC -> type = new BtfType.Func(id, name, sizeOrType, vlen);
                case FUNC_PROTO -> {
                    need(pos, 8L * vlen, id);
                    List<BtfType.Param> params = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, pos += 8) {
                        params.add(new BtfType.Param(string(buf.getInt(pos), id), buf.getInt(pos + 4)));
                    }
                    type = new BtfType.FuncProto(id, sizeOrType, params);
                }
                case VAR -> {
                    need(pos, 4, id);
                    type = new BtfType.Var(id, name, sizeOrType, buf.getInt(pos));
                    pos += 4;
                }
                case DATASEC -> {
                    need(pos, 12L * vlen, id);
                    List<BtfType.VarSecInfo> vars = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, pos += 12) {
                        vars.add(new BtfType.VarSecInfo(buf.getInt(pos), u32(pos + 4), u32(pos + 8)));
                    }
                    type = new BtfType.DataSec(id, name, Integer.toUnsignedLong(sizeOrType), vars);
                }
                case FLOAT -> type = new BtfType.Float(id, name, sizeOrType);
                case DECL_TAG -> {
                    need(pos, 4, id);
                    type = new BtfType.DeclTag(id, name, sizeOrType, buf.getInt(pos));
                    pos += 4;
                }
                default -> throw new BtfException("type [" + id + "] has unexpected kind " + kind);
            }
            types.add(type);
        }
        return types;
    }

    private void need(int pos, long bytes, int id) {
        if (pos + bytes > typeEnd) {
            throw new BtfException("type [" + id + "] runs past the end of the BTF type section");
        }
    }

    private String string(int offset, int id) {
        if (offset < 0 || offset >= strLen) {
            throw new BtfException("type [" + id + "] has a name offset " + Integer.toUnsignedString(offset)
                + " outside the string section (" + strLen + " bytes)");
        }
        int start = strStart + offset;
        int end = start;
        int limit = strStart + strLen;
        while (end < limit && buf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buf.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
