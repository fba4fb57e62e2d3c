package dev.ebpm.ecli.output;

import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as a table: a header once, then a row per event with the time, the map's name when more than one
 * map prints, and one column per field (a field named like ecli's own TIME or MAP column is headed
 * {@code MAPNAME.TIME}). Columns are as wide as the header or the field's
 * type's usual width, whichever is wider; {@code char[]} fields are text, enums are names, nested structs
 * and arrays compact JSON. A record shorter than its struct shows what arrived (a cut {@code char[]} or
 * array as far as it goes) and leaves blank the fields wholly past its end.
 */
public final class TableEvents implements EventPrinter {
    private final Output out;
    private final Clock clock = new Clock();
    private final Map<String, EventLayout> layouts = new HashMap<>();
    private final List<EventLayout> order;
    private final boolean showMap;
    private final int mapWidth;
    /** Column widths per map; a value wider than its column widens it for the rows after. */
    private final Map<String, int[]> widths = new HashMap<>();

    /** {@code showMap}: rows say which map they came from (more than one map prints, events or samples). */
    public TableEvents(Output out, List<EventLayout> layouts, boolean showMap) {
        this.out = out;
        this.order = List.copyOf(layouts);
        this.showMap = showMap;
        int w = 3;
        for (EventLayout l : layouts) {
            this.layouts.put(l.map(), l);
            w = Math.max(w, l.map().length());
            widths.put(l.map(), l.decoder().fields().stream()
                .mapToInt(f -> width(f, ColumnNames.header(f.name(), l.map(), showMap))).toArray());
        }
        this.mapWidth = w;
    }

    @Override
    public void start() {
        for (EventLayout l : order) {
            StringBuilder header = new StringBuilder("TIME    ");
            if (showMap) {
                header.append(' ').append(pad("MAP", mapWidth));
            }
            List<Decoders.Field> fields = l.decoder().fields();
            int[] w = widths.get(l.map());
            for (int i = 0; i < fields.size(); i++) {
                String name = ColumnNames.header(fields.get(i).name(), l.map(), showMap);
                header.append(' ').append(i == fields.size() - 1 ? name : pad(name, w[i]));
            }
            out.line(header.toString().stripTrailing());
        }
        out.flush();
    }

    /** A column as wide as its header or its type's usual width, whichever is wider. */
    static int width(Decoders.Field f, String header) {
        return Math.max(header.length(), f.decoder().typicalWidth());
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width).append(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    @Override
    public void event(String map, ByteBuffer data, int offset, int size) {
        Decoders.Composite decoder = layouts.get(map).decoder();
        List<Decoders.Field> fields = decoder.fields();
        boolean partial = decoder.partial(size);
        int[] w = widths.get(map);
        StringBuilder row = new StringBuilder(128).append(clock.now());
        if (showMap) {
            row.append(' ').append(pad(map, mapWidth));
        }
        for (int i = 0; i < fields.size(); i++) {
            Decoders.Field f = fields.get(i);
            Decoder d = partial ? decoder.field(i, size) : f.decoder();
            String cell = d == null ? "" : d.text(data, offset + f.offset());
            if (i == fields.size() - 1) {
                row.append(' ').append(cell);
            } else {
                w[i] = Math.max(w[i], cell.length());
                row.append(' ').append(pad(cell, w[i]));
            }
        }
        out.line(row.toString());
    }
}
