package dev.ebpm.format.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.json.JsonFields;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON value into memory laid out by a BTF type: integers of every size (range-checked; negative
 * values allowed for unsigned types as two's complement, as eunomia does), bools, enums by name or
 * number, floats and doubles (little-endian, unlike eunomia's big-endian bug), {@code char[N]} from a
 * string, arrays from arrays and structs from objects keyed by member name.
 */
public final class Encoder {
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    private Encoder() {
    }

    /** {@code what} names the destination in errors, e.g. {@code variable pid_target} or {@code maps[0].data[1].key}. */
    public static void write(Btf btf, int typeId, JsonNode value, ByteBuffer target, int offset, String what) {
        BtfType t = btf.resolve(typeId);
        ByteBuffer b = Decoders.le(target);
        if (t instanceof BtfType.Int i) {
            if (i.isBool() || i.size() == 1 && value.isBoolean()) {
                writeInt(b, offset, i.size(), bool(value, what));
            } else if (i.size() == 16) {
                writeInt128(b, offset, integer(value, what, i.isSigned(), 128, btf.typeNameWithoutModifiers(typeId)));
            } else {
                BigInteger v = integer(value, what, i.isSigned(), i.size() * 8, btf.typeNameWithoutModifiers(typeId));
                writeInt(b, offset, i.size(), v.longValue());
            }
        } else if (t instanceof BtfType.Enum e) {
            writeInt(b, offset, e.size(), enumValue(e, value, what));
        } else if (t instanceof BtfType.Float f) {
            double d = number(value, what, btf.typeNameWithoutModifiers(typeId));
            if (f.size() == 4) {
                b.putFloat(offset, (float) d);
            } else {
                b.putDouble(offset, d);
            }
        } else if (t instanceof BtfType.Array a) {
            writeArray(btf, a, value, b, offset, what);
        } else if (t instanceof BtfType.Composite c) {
            writeStruct(btf, c, value, b, offset, what);
        } else {
            throw new ValueException(what + ": values of type " + btf.typeNameWithoutModifiers(typeId) + " cannot be set");
        }
    }

    private static void writeArray(Btf btf, BtfType.Array a, JsonNode value, ByteBuffer b, int offset, String what) {
        int stride = (int) btf.sizeOf(a.elementType());
        BtfType elem = btf.resolve(a.elementType());
        if (value.isTextual() && elem instanceof BtfType.Int ei && ei.size() == 1) {
            byte[] bytes = value.asText().getBytes(StandardCharsets.UTF_8);
            if (bytes.length >= a.length()) {
                throw new ValueException(what + ": \"" + value.asText() + "\" is " + bytes.length
                    + " bytes, but " + btf.typeNameWithoutModifiers(a.id()) + " holds at most " + (a.length() - 1)
                    + " and a terminating NUL");
            }
            for (int i = 0; i < a.length(); i++) {
                b.put(offset + i, i < bytes.length ? bytes[i] : 0);
            }
            return;
        }
        if (!value.isArray()) {
            throw new ValueException(what + ": expected an array for " + btf.typeNameWithoutModifiers(a.id()) + ", found "
                + JsonFields.describe(value));
        }
        if (value.size() > a.length()) {
            throw new ValueException(what + ": " + value.size() + " elements do not fit " + btf.typeNameWithoutModifiers(a.id()));
        }
        for (int i = 0; i < value.size(); i++) {
            write(btf, a.elementType(), value.get(i), b, offset + i * stride, what + "[" + i + "]");
        }
    }

    private static void writeStruct(Btf btf, BtfType.Composite c, JsonNode value, ByteBuffer b, int offset,
                                    String what) {
        if (!value.isObject()) {
            throw new ValueException(what + ": expected an object for struct " + c.name() + ", found "
                + JsonFields.describe(value));
        }
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            BtfType.Member m = c.members().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                .orElseThrow(() -> new ValueException(what + ": " + (c.isUnion() ? "union " : "struct ") + c.name()
                    + " has no member '" + e.getKey() + "'"));
            if (m.isBitfield()) {
                throw new ValueException(what + "." + m.name() + ": bitfields cannot be set");
            }
            write(btf, m.type(), e.getValue(), b, offset + (int) (m.bitOffset() / 8), what + "." + m.name());
        }
    }

    private static long bool(JsonNode value, String what) {
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isIntegralNumber() && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue();
        }
        throw new ValueException(what + ": expected true or false, found " + JsonFields.describe(value));
    }

    private static BigInteger integer(JsonNode value, String what, boolean signed, int bits, String type) {
        BigInteger v;
        if (value.isIntegralNumber()) {
            v = value.bigIntegerValue();
        } else if (value.isTextual() && value.asText().matches("-?(0x[0-9a-fA-F]+|\\d+)")) {
            String s = value.asText();
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            v = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
            v = neg ? v.negate() : v;
        } else if (value.isBoolean()) {
            v = value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        } else {
            throw new ValueException(what + ": expected an integer (" + type + "), found " + JsonFields.describe(value));
        }
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new ValueException(what + ": " + v + " is out of range for " + type + " (" + min + " to " + max + ")");
        }
        return v;
    }

    private static double number(JsonNode value, String what, String type) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        throw new ValueException(what + ": expected a number (" + type + "), found " + JsonFields.describe(value));
    }

    private static long enumValue(BtfType.Enum e, JsonNode value, String what) {
        if (value.isTextual()) {
            for (BtfType.EnumValue v : e.values()) {
                if (v.name().equals(value.asText())) {
                    return v.value();
                }
            }
            if (!value.asText().matches("-?\\d+")) {
                throw new ValueException(what + ": enum " + e.name() + " has no value named \"" + value.asText()
                    + "\" (it has " + String.join(", ", e.values().stream().map(BtfType.EnumValue::name).toList())
                    + ")");
            }
        }
        return integer(value, what, true, 64, "enum " + e.name()).longValue();
    }

    private static void writeInt(ByteBuffer b, int offset, int size, long v) {
        switch (size) {
            case 1 -> b.put(offset, (byte) v);
            case 2 -> b.putShort(offset, (short) v);
            case 4 -> b.putInt(offset, (int) v);
            case 8 -> b.putLong(offset, v);
            default -> throw new IllegalArgumentException("integer of " + size + " bytes");
        }
    }

    private static void writeInt128(ByteBuffer b, int offset, BigInteger v) {
        BigInteger u = v.signum() < 0 ? v.add(TWO_128) : v;
        b.putLong(offset, u.longValue());
        b.putLong(offset + 8, u.shiftRight(64).longValue());
    }
}
