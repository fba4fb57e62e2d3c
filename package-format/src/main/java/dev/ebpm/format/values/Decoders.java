package dev.ebpm.format.values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Decoder}s from BTF: every integer size and signedness (128-bit exact), bools, chars,
 * floats, enums by name, {@code char[N]} as text up to the first NUL, other arrays, structs and unions
 * (with bitfields), and pointers as numbers. Typedefs and qualifiers are looked through.
 */
public final class Decoders {
    static final JsonFactory JSON = new JsonFactory();
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Decoders() {
    }

    public static Decoder of(Btf btf, int typeId) {
        BtfType t = btf.resolve(typeId);
        if (t instanceof BtfType.Int i) {
            if (i.size() == 16) {
                return new Int128(i.isSigned());
            }
            if (i.isBool()) {
                return new Bool(i.size());
            }
            return new Int(i.size(), i.isSigned());
        }
        if (t instanceof BtfType.Enum e) {
            return new EnumValue(e);
        }
        if (t instanceof BtfType.Float f) {
            return new FloatValue(f.size());
        }
        if (t instanceof BtfType.Ptr) {
            return new Int(8, false);
        }
        if (t instanceof BtfType.Array a) {
            BtfType elem = btf.resolve(a.elementType());
            if (elem instanceof BtfType.Int ei && ei.size() == 1 && "char".equals(elemName(btf, a.elementType()))) {
                return new CharArray(a.length());
            }
            return new ArrayValue(of(btf, a.elementType()), a.length(), (int) btf.sizeOf(a.elementType()));
        }
        if (t instanceof BtfType.Composite c) {
            return struct(btf, c, null);
        }
        throw new IllegalArgumentException("cannot decode a value of BTF kind " + t.kind() + " (type " + typeId + ")");
    }

    /** A struct decoder limited to some members, in the given order (all members when {@code only} is null). */
    public static Composite struct(Btf btf, BtfType.Composite c, List<String> only) {
        Map<String, BtfType.Member> byName = new HashMap<>();
        for (BtfType.Member m : c.members()) {
            byName.put(m.name(), m);
        }
        List<Field> fields = new ArrayList<>();
        List<BtfType.Member> chosen = new ArrayList<>();
        if (only == null) {
            chosen.addAll(c.members());
        } else {
            for (String name : only) {
                BtfType.Member m = byName.get(name);
                if (m == null) {
                    throw new IllegalArgumentException("struct " + c.name() + " has no member '" + name + "'");
                }
                chosen.add(m);
            }
        }
        for (BtfType.Member m : chosen) {
            Decoder d = m.isBitfield() ? new Bitfield(m.bitfieldSize(), (int) (m.bitOffset() % 8),
                isSigned(btf, m.type())) : of(btf, m.type());
            fields.add(new Field(m.name().isEmpty() ? "(anon)" : m.name(), (int) (m.bitOffset() / 8), d));
        }
        return new Composite(fields, c.size());
    }

    private static boolean isSigned(Btf btf, int typeId) {
        BtfType t = btf.resolve(typeId);
        return t instanceof BtfType.Int i ? i.isSigned() : t instanceof BtfType.Enum e && e.signed();
    }

    private static String elemName(Btf btf, int typeId) {
        return btf.skipModifiers(typeId).name();
    }

    /**
     * Whether a value reads as one short word (an integer, an enum, a boolean, a C string): what a metric label
     * can hold, unlike a float, an array or a struct.
     */
    public static boolean isWord(Decoder d) {
        return d instanceof Int || d instanceof Bool || d instanceof EnumValue || d instanceof CharArray
            || d instanceof Bitfield;
    }

    /** Whether {@code d} is a C string (a char array, read up to its NUL). */
    public static boolean isString(Decoder d) {
        return d instanceof CharArray;
    }

    /** The elements of an array of integers (a histogram's slots), or null when {@code d} is not one. */
    public static long[] integers(Decoder d, ByteBuffer buf, int offset) {
        if (!(d instanceof ArrayValue a) || !(a.element() instanceof Int i)) {
            return null;
        }
        long[] out = new long[a.length()];
        for (int k = 0; k < out.length; k++) {
            int at = offset + k * a.stride();
            out[k] = i.signed() ? readSigned(buf, at, i.size()) : readUnsigned(buf, at, i.size());
        }
        return out;
    }

    /** A named member of a struct at a byte offset. */
    public record Field(String name, int offset, Decoder decoder) {
    }

    static String json(Decoder d, ByteBuffer buf, int offset) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            d.writeJson(buf, offset, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** An integer of 1, 2, 4 or 8 bytes at {@code offset}, in the buffer's byte order. */
    public static long readUnsigned(ByteBuffer b, int offset, int size) {
        return switch (size) {
            case 1 -> Byte.toUnsignedLong(b.get(offset));
            case 2 -> Short.toUnsignedLong(b.getShort(offset));
            case 4 -> Integer.toUnsignedLong(b.getInt(offset));
            case 8 -> b.getLong(offset);
            default -> throw new IllegalArgumentException("integer of " + size + " bytes");
        };
    }

    public static long readSigned(ByteBuffer b, int offset, int size) {
        return switch (size) {
            case 1 -> b.get(offset);
            case 2 -> b.getShort(offset);
            case 4 -> b.getInt(offset);
            case 8 -> b.getLong(offset);
            default -> throw new IllegalArgumentException("integer of " + size + " bytes");
        };
    }

    static ByteBuffer le(ByteBuffer b) {
        return b.order() == ByteOrder.LITTLE_ENDIAN ? b : b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public record Int(int size, boolean signed) implements Decoder {
        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            long v = signed ? readSigned(buf, offset, size) : readUnsigned(buf, offset, size);
            if (!signed && size == 8 && v < 0) {
                out.writeNumber(new BigInteger(Long.toUnsignedString(v)));
            } else {
                out.writeNumber(v);
            }
        }

        public String text(ByteBuffer buf, int offset) {
            long v = signed ? readSigned(buf, offset, size) : readUnsigned(buf, offset, size);
            return !signed && size == 8 ? Long.toUnsignedString(v) : Long.toString(v);
        }

        public int typicalWidth() {
            return size <= 2 ? 6 : size == 4 ? 7 : 16;
        }
    }

    /** 128-bit integers, exact; JSON carries them as decimal strings, as eunomia does. */
    record Int128(boolean signed) implements Decoder {
        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            out.writeString(text(buf, offset));
        }

        public String text(ByteBuffer buf, int offset) {
            BigInteger low = new BigInteger(Long.toUnsignedString(buf.getLong(offset)));
            BigInteger high = BigInteger.valueOf(buf.getLong(offset + 8));
            BigInteger v = high.multiply(TWO_64).add(low);
            if (!signed && v.signum() < 0) {
                v = v.add(TWO_64.multiply(TWO_64));
            }
            return v.toString();
        }

        public int typicalWidth() {
            return 12;
        }

        public int size() {
            return 16;
        }
    }

    record Bool(int size) implements Decoder {
        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            out.writeBoolean(readUnsigned(buf, offset, size) != 0);
        }

        public String text(ByteBuffer buf, int offset) {
            return readUnsigned(buf, offset, size) != 0 ? "true" : "false";
        }

        public int typicalWidth() {
            return 5;
        }
    }

    record FloatValue(int size) implements Decoder {
        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            if (size == 4) {
                out.writeNumber(buf.getFloat(offset));
            } else {
                out.writeNumber(buf.getDouble(offset));
            }
        }

        public String text(ByteBuffer buf, int offset) {
            return size == 4 ? Float.toString(buf.getFloat(offset)) : Double.toString(buf.getDouble(offset));
        }

        public int typicalWidth() {
            return 10;
        }
    }

    /** An enum shows its enumerator's name; a value with no name shows as the number. */
    static final class EnumValue implements Decoder {
        private final Map<Long, String> names = new HashMap<>();
        private final int size;
        private final boolean signed;
        private final int width;

        EnumValue(BtfType.Enum e) {
            this.size = e.size();
            this.signed = e.signed();
            int w = 6;
            for (BtfType.EnumValue v : e.values()) {
                names.put(normalize(v.value()), v.name());
                w = Math.max(w, v.name().length());
            }
            this.width = Math.min(w, 24);
        }

        private long normalize(long v) {
            return size >= 8 ? v : v & ((1L << (size * 8)) - 1);
        }

        private long read(ByteBuffer buf, int offset) {
            return normalize(signed ? readSigned(buf, offset, size) : readUnsigned(buf, offset, size));
        }

        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            long v = read(buf, offset);
            String name = names.get(v);
            if (name != null) {
                out.writeString(name);
            } else {
                out.writeNumber(signed ? readSigned(buf, offset, size) : v);
            }
        }

        public String text(ByteBuffer buf, int offset) {
            long v = read(buf, offset);
            String name = names.get(v);
            return name != null ? name : Long.toString(signed ? readSigned(buf, offset, size) : v);
        }

        public int typicalWidth() {
            return width;
        }

        public int size() {
            return size;
        }
    }

    /** {@code char[N]}: text up to the first NUL; bytes that are not UTF-8 become U+FFFD. */
    record CharArray(int length) implements Decoder {
        @Override
        public Decoder within(int available) {
            if (length == 0) {
                return available > 0 ? new CharArray(available) : this;
            }
            return available >= length ? this : available > 0 ? new CharArray(available) : null;
        }

        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            out.writeString(text(buf, offset));
        }

        public String text(ByteBuffer buf, int offset) {
            int end = 0;
            while (end < length && buf.get(offset + end) != 0) {
                end++;
            }
            byte[] bytes = new byte[end];
            buf.get(offset, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public int typicalWidth() {
            return Math.min(Math.max(length, 6), 24);
        }

        public int size() {
            return length;
        }
    }

    public record ArrayValue(Decoder element, int length, int stride) implements Decoder {
        /** The whole elements that arrived; a partial element is not shown. */
        @Override
        public Decoder within(int available) {
            if (available >= size() && length > 0 || stride <= 0) {
                return this;
            }
            if (available <= 0) {
                return length == 0 ? this : null;
            }
            int n = available / stride;
            return new ArrayValue(element, length == 0 ? n : Math.min(n, length), stride);
        }

        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            out.writeStartArray();
            for (int i = 0; i < length; i++) {
                element.writeJson(buf, offset + i * stride, out);
            }
            out.writeEndArray();
        }

        public String text(ByteBuffer buf, int offset) {
            return json(this, buf, offset);
        }

        public int typicalWidth() {
            return 12;
        }

        public int size() {
            return length * stride;
        }
    }

    /**
     * A struct or union, or the chosen members of one. A member at or past the struct's end with no size of
     * its own is a flexible array ({@code char args[]}): it takes whatever bytes a record carries after it.
     */
    public record Composite(List<Field> fields, int size, boolean openEnded) implements Decoder {
        public Composite {
            fields = List.copyOf(fields);
        }

        /** {@code openEnded} is derived once here, not per event: whether a flexible tail takes extra bytes. */
        public Composite(List<Field> fields, int size) {
            this(fields, size, openEnded(fields, size));
        }

        private static boolean openEnded(List<Field> fields, int size) {
            for (Field f : fields) {
                if (f.offset() >= size && f.decoder().size() == 0
                    || f.decoder() instanceof Composite c && f.offset() + c.size() >= size && c.openEnded()) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a record of {@code available} bytes needs {@link #field(int, int)}: it is short, or has a tail. */
        public boolean partial(int available) {
            return available < size || openEnded;
        }

        /**
         * Field {@code index}'s decoder for a record of {@code available} bytes: the field whole, cut to what
         * arrived, grown over a flexible tail, or null when it lies wholly past the end (absent).
         */
        public Decoder field(int index, int available) {
            Field f = fields.get(index);
            int room = available - f.offset();
            Decoder d = f.decoder();
            boolean tail = f.offset() + d.size() >= size && (d.size() == 0 || d instanceof Composite);
            if (room >= d.size() && !tail) {
                return d;
            }
            return room < 0 || room == 0 && d.size() > 0 ? null : d.within(room);
        }

        @Override
        public Composite within(int available) {
            if (!partial(available)) {
                return this;
            }
            List<Field> kept = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                Decoder d = field(i, available);
                if (d != null) {
                    kept.add(new Field(fields.get(i).name(), fields.get(i).offset(), d));
                }
            }
            return new Composite(kept, Math.min(size, Math.max(available, 0)));
        }

        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            out.writeStartObject();
            for (Field f : fields) {
                out.writeFieldName(f.name());
                f.decoder().writeJson(buf, offset + f.offset(), out);
            }
            out.writeEndObject();
        }

        public String text(ByteBuffer buf, int offset) {
            return json(this, buf, offset);
        }

        public int typicalWidth() {
            return 12;
        }
    }

    /** A bitfield member: {@code bits} wide, {@code shift} bits into its first byte (little-endian). */
    record Bitfield(int bits, int shift, boolean signed) implements Decoder {
        private long read(ByteBuffer buf, int offset) {
            int bytes = (shift + bits + 7) / 8;
            long raw = 0;
            for (int i = 0; i < bytes; i++) {
                raw |= Byte.toUnsignedLong(buf.get(offset + i)) << (8 * i);
            }
            long v = (raw >>> shift) & (bits == 64 ? -1L : (1L << bits) - 1);
            if (signed && bits < 64 && (v & (1L << (bits - 1))) != 0) {
                v |= -1L << bits;
            }
            return v;
        }

        public void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException {
            out.writeNumber(read(buf, offset));
        }

        public String text(ByteBuffer buf, int offset) {
            return Long.toString(read(buf, offset));
        }

        public int typicalWidth() {
            return 6;
        }

        public int size() {
            return (shift + bits + 7) / 8;
        }
    }
}
