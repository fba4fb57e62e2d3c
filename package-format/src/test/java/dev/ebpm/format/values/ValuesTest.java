package dev.ebpm.format.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.testing.TestBpfObjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encoding values into BTF-typed memory and decoding them back, for every kind of type, without a kernel. */
class ValuesTest {
    private static Btf btf;
    private static BtfType.Composite event;

    @BeforeAll
    static void readBtf() {
        btf = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
        event = btf.struct("event").orElseThrow();
    }

    private static int member(String name) {
        return event.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().type();
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(event.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void aWholeStructRoundTripsThroughJson() {
        JsonNode value = Json.parse("""
            {"pid": 4294967295, "comm": "bash", "matrix": [[1,2,3],[4,5,6]], "in": {"a": -7, "b": "hi"},
             "col": "GREEN", "wide": "340282366920938463463374607431768211455", "swide": -5, "d": 2.5, "f": 0.5,
             "ok": true, "ll": -9223372036854775808, "ul": 18446744073709551615, "lvl": "HIGH",
             "inners": [{"a": 1}, {"a": 2}]}
            """);
        ByteBuffer b = buffer();
        Encoder.write(btf, event.id(), value, b, 0, "event");
        String json = Decoders.json(Decoders.of(btf, event.id()), b, 0);
        JsonNode back = Json.parse(json);
        assertThat(back.get("pid").asLong()).isEqualTo(4294967295L);
        assertThat(back.get("comm").asText()).isEqualTo("bash");
        assertThat(back.get("matrix").toString()).isEqualTo("[[1,2,3],[4,5,6]]");
        // char[N] members are text, up to the first NUL.
        assertThat(back.get("in").toString()).isEqualTo("{\"a\":-7,\"b\":\"hi\"}");
        assertThat(back.get("col").asText()).isEqualTo("GREEN");
        assertThat(back.get("wide").asText()).isEqualTo("340282366920938463463374607431768211455");
        assertThat(back.get("swide").asText()).isEqualTo("-5");
        assertThat(back.get("d").asDouble()).isEqualTo(2.5);
        assertThat(back.get("f").asDouble()).isEqualTo(0.5);
        assertThat(back.get("ok").asBoolean()).isTrue();
        assertThat(back.get("ll").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(back.get("ul").bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(back.get("lvl").asText()).isEqualTo("HIGH");
        assertThat(back.get("inners").get(1).get("a").asInt()).isEqualTo(2);
        assertThat(back.get("fl").toString()).isEqualTo("{\"x\":0,\"y\":0,\"z\":0}");
    }

    @Test
    void tableCellsAreTextForStringsAndCompactJsonForNestedValues() {
        ByteBuffer b = buffer();
        Encoder.write(btf, event.id(), Json.parse("{\"comm\": \"sshd\", \"in\": {\"a\": 3}, \"col\": 5, \"pid\": 7}"),
            b, 0, "event");
        Decoders.Composite d = Decoders.struct(btf, event, java.util.List.of("pid", "comm", "in", "col", "ok"));
        assertThat(d.fields()).extracting(f -> f.decoder().text(b, f.offset()))
            .containsExactly("7", "sshd", "{\"a\":3,\"b\":\"\"}", "GREEN", "false");
    }

    @Test
    void bitfieldsDecodeFromTheirBits() {
        BtfType.Composite flags = btf.struct("flags").orElseThrow();
        ByteBuffer b = ByteBuffer.allocate(flags.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 5 | (17 << 3));
        b.putInt(4, -2);
        assertThat(Decoders.json(Decoders.of(btf, flags.id()), b, 0)).isEqualTo("{\"x\":5,\"y\":17,\"z\":-2}");
    }

    @Test
    void encodingChecksRangesLengthsAndNames() {
        ByteBuffer b = buffer();
        // Negative values are accepted for unsigned types, as two's complement (as eunomia does).
        Encoder.write(btf, member("pid"), Json.parse("-1"), b, 0, "pid");
        assertThat(b.getInt(0)).isEqualTo(-1);
        assertThatThrownBy(() -> Encoder.write(btf, member("pid"), Json.parse("4294967296"), b, 0, "--pid"))
            .hasMessage("--pid: 4294967296 is out of range for __u32 (-2147483648 to 4294967295)");
        assertThatThrownBy(() -> Encoder.write(btf, member("comm"), Json.parse("\"0123456789abcdef\""), b, 0, "--comm"))
            .hasMessage("--comm: \"0123456789abcdef\" is 16 bytes, but char[16] holds at most 15 and a terminating NUL");
        assertThatThrownBy(() -> Encoder.write(btf, member("col"), Json.parse("\"PURPLE\""), b, 0, "--col"))
            .hasMessage("--col: enum color has no value named \"PURPLE\" (it has RED, GREEN, MINUS)");
        assertThatThrownBy(() -> Encoder.write(btf, member("in"), Json.parse("{\"q\": 1}"), b, 0, "in"))
            .hasMessage("in: struct inner has no member 'q'");
        assertThatThrownBy(() -> Encoder.write(btf, member("cv_ptr"), Json.parse("1"), b, 0, "p"))
            .hasMessage("p: values of type int * cannot be set");
    }

    @Test
    void flagTextIsCheckedAgainstTheType() {
        assertThat(FlagValues.parse(btf, member("pid"), "0x10", "--pid").intValue()).isEqualTo(16);
        assertThat(FlagValues.parse(btf, member("ok"), "yes", "--ok").booleanValue()).isTrue();
        assertThat(FlagValues.parse(btf, member("d"), "1e3", "--d").doubleValue()).isEqualTo(1000.0);
        assertThat(FlagValues.parse(btf, member("col"), "MINUS", "--col").asText()).isEqualTo("MINUS");
        assertThatThrownBy(() -> FlagValues.parse(btf, member("pid"), "abc", "--pid"))
            .hasMessage("--pid: expected an integer (__u32), found the string \"abc\"");
        assertThatThrownBy(() -> FlagValues.parse(btf, member("ok"), "maybe", "--ok"))
            .hasMessage("--ok: expected true or false, got \"maybe\"");
        assertThatThrownBy(() -> FlagValues.parse(btf, member("f"), "fast", "--f"))
            .hasMessage("--f: expected a number (float), found the string \"fast\"");
    }

    /** A record of {@code size} bytes of struct exec_event, with its flexible {@code args} tail as text. */
    private static String partial(int size) {
        BtfType.Composite exec = btf.struct("exec_event").orElseThrow();
        ByteBuffer b = ByteBuffer.allocate(exec.size() + 16).order(ByteOrder.LITTLE_ENDIAN);
        Encoder.write(btf, exec.id(), Json.parse("""
            {"pid": 42, "len": 5, "comm": "abcdefg", "vals": [1, 2, 3], "last": {"a": 9, "b": "xy"}}
            """), b, 0, "exec_event");
        b.put(exec.size(), "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return Decoders.json(Decoders.struct(btf, exec, null).within(size), b, 0);
    }

    @Test
    void aShortRecordDecodesWhatArrivedAndOmitsWhatDidNot() {
        // The whole struct and five bytes of its flexible tail.
        assertThat(partial(53)).isEqualTo("{\"pid\":42,\"len\":5,\"comm\":\"abcdefg\",\"vals\":[1,2,3],"
            + "\"last\":{\"a\":9,\"b\":\"xy\"},\"args\":\"hello\"}");
        // No tail: the flexible array is there, and empty.
        assertThat(partial(48)).endsWith("\"args\":\"\"}");
        // Cut inside a nested struct's char[]: what arrived of it, nothing after.
        assertThat(partial(45)).isEqualTo("{\"pid\":42,\"len\":5,\"comm\":\"abcdefg\",\"vals\":[1,2,3],"
            + "\"last\":{\"a\":9,\"b\":\"x\"}}");
        // Cut inside an array of numbers: its whole elements.
        assertThat(partial(16 + 12)).isEqualTo("{\"pid\":42,\"len\":5,\"comm\":\"abcdefg\",\"vals\":[1]}");
        // Cut inside a char[]: the text that arrived; a number cut in two is absent, not half-read.
        assertThat(partial(10)).isEqualTo("{\"pid\":42,\"len\":5,\"comm\":\"abcd\"}");
        assertThat(partial(2)).isEqualTo("{}");
    }

    @Test
    void aWholeRecordOfAFixedStructDecodesAsBefore() {
        Decoders.Composite d = Decoders.struct(btf, event, null);
        assertThat(d.partial(event.size())).isFalse();
        assertThat(d.within(event.size())).isSameAs(d);
        assertThat(d.partial(event.size() - 1)).isTrue();
    }
}
