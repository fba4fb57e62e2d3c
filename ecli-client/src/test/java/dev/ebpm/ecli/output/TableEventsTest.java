package dev.ebpm.ecli.output;

import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.testing.TestBpfObjects;
import dev.ebpm.format.values.Decoders;
import dev.ebpm.format.values.Encoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The table and JSON layouts, against golden text (the time column is masked). */
class TableEventsTest {
    private static final Btf BTF = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
    private static final BtfType.Composite EVENT = BTF.struct("event").orElseThrow();

    private static ByteBuffer event(String json) {
        ByteBuffer b = ByteBuffer.allocate(EVENT.size()).order(ByteOrder.LITTLE_ENDIAN);
        Encoder.write(BTF, EVENT.id(), Json.parse(json), b, 0, "event");
        return b;
    }

    private static List<String> print(List<EventLayout> layouts, String map, ByteBuffer... events) {
        return print(layouts, map, EVENT.size(), false, events);
    }

    private static List<String> print(List<EventLayout> layouts, String map, int size, boolean json,
                                      ByteBuffer... events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output out = new Output(bytes);
        EventPrinter table = json ? new JsonEvents(out, layouts, layouts.size() > 1)
            : new TableEvents(out, layouts, layouts.size() > 1);
        table.start();
        for (ByteBuffer e : events) {
            table.event(map, e, 0, size);
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d", "hh:mm:ss"))
            .toList();
    }

    @Test
    void headerOnceAndAlignedColumns() {
        EventLayout layout = new EventLayout("rb", Decoders.struct(BTF, EVENT, List.of("pid", "comm", "col", "ok", "in")));
        assertThat(print(List.of(layout), "rb",
            event("{\"pid\": 1, \"comm\": \"sh\", \"col\": \"RED\", \"in\": {\"a\": 7}}"),
            event("{\"pid\": 4294967295, \"comm\": \"systemd-journal\", \"col\": 5, \"ok\": true}")))
            .containsExactly(
                "TIME     PID     COMM             COL    OK    IN",
                "hh:mm:ss 1       sh               RED    false {\"a\":7,\"b\":\"\"}",
                "hh:mm:ss 4294967295 systemd-journal  GREEN  true  {\"a\":0,\"b\":\"\"}");
    }

    @Test
    void severalMapsGetAMapColumn() {
        EventLayout a = new EventLayout("execs", Decoders.struct(BTF, EVENT, List.of("pid")));
        EventLayout b = new EventLayout("exits", Decoders.struct(BTF, EVENT, List.of("pid", "ll")));
        assertThat(print(List.of(a, b), "exits", event("{\"pid\": 3, \"ll\": -1}"))).containsExactly(
            "TIME     MAP   PID",
            "TIME     MAP   PID     LL",
            "hh:mm:ss exits 3       -1");
    }

    @Test
    void aShortRecordShowsWhatArrivedAndLeavesTheRestBlank() {
        // Four bytes of pid and three of comm: a tool that sent only the bytes it filled in.
        EventLayout layout = new EventLayout("rb", Decoders.struct(BTF, EVENT, List.of("pid", "comm", "ll")));
        ByteBuffer e = event("{\"pid\": 7, \"comm\": \"systemd\", \"ll\": 5}");
        assertThat(print(List.of(layout), "rb", 7, false, e)).containsExactly(
            "TIME     PID     COMM             LL",
            "hh:mm:ss 7       sys              ");
        assertThat(print(List.of(layout), "rb", 7, true, e)).containsExactly("{\"pid\":7,\"comm\":\"sys\"}");
    }

    @Test
    void aFieldNamedLikeEclisOwnColumnsIsPrefixed() {
        Decoders.Composite d = new Decoders.Composite(List.of(new Decoders.Field("time", 0, new Decoders.Int(8, false)),
            new Decoders.Field("map", 8, new Decoders.Int(4, false))), 12);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output out = new Output(bytes);
        TableEvents table = new TableEvents(out, List.of(new EventLayout("events", d)), true);
        table.start();
        ByteBuffer e = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 123).putInt(8, 7);
        table.event("events", e, 0, 12);
        out.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
            h -> assertThat(h).isEqualTo("TIME     MAP    EVENTS.TIME      EVENTS.MAP"),
            r -> assertThat(r).matches("\\d\\d:\\d\\d:\\d\\d events 123              7"));
    }

    @Test
    void aSampledTableSaysWhichMapWhenSeveralPrint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output out = new Output(bytes);
        MapSample kv = new MapSample(1000, SampleType.DEFAULT_KV, null, null, java.util.Map.of());
        Decoders.Int u32 = new Decoders.Int(4, false);
        SamplePrinter counts = new SamplePrinter(out, "counts", kv, u32, "time", u32, "u32", false, true);
        ByteBuffer key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 3);
        ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 9);
        counts.sample(List.of(new SampleEntry(key, value)));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
            h -> assertThat(h).isEqualTo("TIME     MAP    KEY.TIME U32"),
            r -> assertThat(r).matches("\\d\\d:\\d\\d:\\d\\d counts 3        9"));
    }
}
