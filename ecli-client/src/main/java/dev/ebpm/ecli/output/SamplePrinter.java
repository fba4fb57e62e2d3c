package dev.ebpm.ecli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one sample of a map: for {@code log2_hist} and {@code linear_hist}, each key's other fields then
 * its histogram; for {@code default_kv}, a table of keys and values (with a MAP column when more than
 * one map prints, and {@code KEY.}/{@code VALUE.} before a field named like ecli's own columns); with
 * {@code --json}, one JSON document per sample: {@code {"time": ..., "map": ..., "entries": [...]}}.
 */
public final class SamplePrinter implements SampleSink {
    private static final JsonFactory JSON = new JsonFactory();
    private final Output out;
    private final Clock clock = new Clock();
    private final String map;
    private final MapSample sample;
    private final Decoder key;
    private final Decoder value;
    private final String keyName;
    private final String valueName;
    private final boolean json;
    private final boolean showMap;
    private boolean headerPrinted;

    /**
     * {@code keyName}/{@code valueName} name scalar keys and values (their C type, as eunomia does);
     * {@code showMap}: table rows say which map they came from (more than one map prints).
     */
    public SamplePrinter(Output out, String map, MapSample sample, Decoder key, String keyName, Decoder value,
                         String valueName, boolean json, boolean showMap) {
        this.out = out;
        this.map = map;
        this.sample = sample;
        this.key = key;
        this.keyName = keyName;
        this.value = value;
        this.valueName = valueName;
        this.json = json;
        this.showMap = showMap;
    }

    @Override
    public void sample(List<SampleEntry> entries) {
        if (json) {
            out.line(json(entries));
        } else if (sample.typeOrDefault() == SampleType.DEFAULT_KV || SampleFields.slots(value) == null) {
            table(entries);
        } else {
            histograms(entries);
        }
        out.flush();
    }

    private void histograms(List<SampleEntry> entries) {
        Decoders.Field slots = SampleFields.slots(value);
        StringBuilder b = new StringBuilder();
        b.append(clock.now()).append(' ').append(map).append('\n');
        for (SampleEntry e : entries) {
            b.append("key = ").append(key.text(e.key(), 0)).append('\n');
            for (Decoders.Field f : ((Decoders.Composite) value).fields()) {
                if (f != slots) {
                    b.append(f.name()).append(" = ").append(f.decoder().text(e.value(), f.offset())).append('\n');
                }
            }
            long[] counts = Decoders.integers(slots.decoder(), e.value(), slots.offset());
            b.append('\n').append(sample.typeOrDefault() == SampleType.LINEAR_HIST
                ? Histogram.linear(counts, sample.unitOrDefault()) : Histogram.log2(counts, sample.unitOrDefault()));
        }
        out.write(o -> o.print(b));
    }

    private void table(List<SampleEntry> entries) {
        List<Decoders.Field> columns = new ArrayList<>(SampleFields.of(key, keyName));
        int keyColumns = columns.size();
        columns.addAll(SampleFields.of(value, valueName));
        int mapWidth = Math.max(3, map.length());
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            headers.add(ColumnNames.header(columns.get(i).name(), i < keyColumns ? "key" : "value", showMap));
        }
        if (!headerPrinted) {
            StringBuilder h = new StringBuilder("TIME    ");
            if (showMap) {
                h.append(' ').append(TableEvents.pad("MAP", mapWidth));
            }
            for (int i = 0; i < columns.size(); i++) {
                String name = headers.get(i);
                h.append(' ').append(i == columns.size() - 1 ? name
                    : TableEvents.pad(name, TableEvents.width(columns.get(i), name)));
            }
            out.line(h.toString());
            headerPrinted = true;
        }
        String now = clock.now();
        for (SampleEntry e : entries) {
            StringBuilder row = new StringBuilder(now);
            if (showMap) {
                row.append(' ').append(TableEvents.pad(map, mapWidth));
            }
            for (int i = 0; i < columns.size(); i++) {
                Decoders.Field f = columns.get(i);
                ByteBuffer buf = i < keyColumns ? e.key() : e.value();
                String cell = f.decoder().text(buf, f.offset());
                row.append(' ').append(i == columns.size() - 1 ? cell
                    : TableEvents.pad(cell, TableEvents.width(f, headers.get(i))));
            }
            out.line(row.toString());
        }
    }

    private String json(List<SampleEntry> entries) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", clock.now());
            g.writeStringField("map", map);
            g.writeArrayFieldStart("entries");
            for (SampleEntry e : entries) {
                g.writeStartObject();
                g.writeFieldName("key");
                key.writeJson(e.key(), 0, g);
                g.writeFieldName("value");
                value.writeJson(e.value(), 0, g);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }
}
