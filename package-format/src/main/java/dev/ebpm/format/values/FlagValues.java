package dev.ebpm.format.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.json.Json;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Turns the text of a command-line flag into the JSON value for a variable's C type, so the same
 * {@link Encoder} writes flags and values edited in package.json. Checking happens here, with the flag's
 * name and the expected type in the message.
 */
public final class FlagValues {
    private FlagValues() {
    }

    public static JsonNode parse(Btf btf, int typeId, String text, String flag) {
        BtfType t = btf.resolve(typeId);
        JsonNode value;
        if (t instanceof BtfType.Int i && (i.isBool() || isBoolName(btf, typeId))) {
            value = BooleanNode.valueOf(parseBool(text, flag));
        } else if (t instanceof BtfType.Array a && btf.resolve(a.elementType()) instanceof BtfType.Int e && e.size() == 1) {
            value = TextNode.valueOf(text);
        } else if (t instanceof BtfType.Enum) {
            value = TextNode.valueOf(text);
        } else if (t instanceof BtfType.Int || t instanceof BtfType.Float) {
            value = TextNode.valueOf(text.trim());
        } else {
            try {
                value = Json.parse(text);
            } catch (RuntimeException e) {
                throw new ValueException(flag + ": expected JSON for " + btf.typeNameWithoutModifiers(typeId) + ", got \"" + text + "\"");
            }
        }
        // Encoding into scratch memory checks the value against the type (range, length, names).
        ByteBuffer scratch = ByteBuffer.allocate((int) Math.max(btf.sizeOf(typeId), 1)).order(ByteOrder.LITTLE_ENDIAN);
        Encoder.write(btf, typeId, value, scratch, 0, flag);
        return normalized(btf, typeId, value);
    }

    /** Integers and floats become JSON numbers once they have passed the type check. */
    private static JsonNode normalized(Btf btf, int typeId, JsonNode value) {
        BtfType t = btf.resolve(typeId);
        if (value.isTextual() && t instanceof BtfType.Int) {
            String s = value.asText();
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            java.math.BigInteger v = digits.startsWith("0x") ? new java.math.BigInteger(digits.substring(2), 16)
                : new java.math.BigInteger(digits);
            return Json.NODES.numberNode(neg ? v.negate() : v);
        }
        if (value.isTextual() && t instanceof BtfType.Float) {
            return Json.NODES.numberNode(Double.parseDouble(value.asText()));
        }
        return value;
    }

    private static boolean isBoolName(Btf btf, int typeId) {
        return btf.skipModifiers(typeId).name().equals("bool");
    }

    static boolean parseBool(String text, String flag) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ValueException(flag + ": expected true or false, got \"" + text + "\"");
        };
    }
}
