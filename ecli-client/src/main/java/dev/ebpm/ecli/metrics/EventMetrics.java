package dev.ebpm.ecli.metrics;

import dev.ebpm.ecli.output.EventLayout;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.format.meta.MapMetric;
import dev.ebpm.format.options.UsageException;
import dev.ebpm.format.values.Decoders;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the events of each export map, per combination of the {@code --metrics-label} fields' values, and
 * passes every event on to the printer. At most {@code maxSeries} combinations per map are kept; events with
 * another combination count in the series whose labels are all {@value #OVERFLOW}, so the count stays true
 * and a high-cardinality field cannot grow ecli's memory.
 */
final class EventMetrics implements EventPrinter {
    static final String OVERFLOW = "__overflow__";

    private final EventPrinter printer;
    private final Map<String, MapCounts> maps;
    /** For a wasm module, whose maps ecli learns as it polls them: the name their counters start with. */
    private final String learning;
    private final int maxSeries;

    private EventMetrics(EventPrinter printer, Map<String, MapCounts> maps, String learning, int maxSeries) {
        this.printer = printer;
        this.maps = maps;
        this.learning = learning;
        this.maxSeries = maxSeries;
    }

    /**
     * Checks the labels against the maps' fields first: each must be a field of some export map, of a type
     * a label can hold.
     */
    static Map<String, MapCounts> plan(String object, List<EventLayout> layouts, List<String> given, int maxSeries,
                                       Map<String, MapMetric> named) {
        List<String> labels = given.stream().distinct().toList();
        Map<String, MapCounts> maps = new LinkedHashMap<>();
        Map<String, Boolean> found = new HashMap<>();
        for (EventLayout layout : layouts) {
            List<Decoders.Field> fields = new ArrayList<>();
            for (String label : labels) {
                for (Decoders.Field f : layout.decoder().fields()) {
                    if (f.name().equals(label)) {
                        if (!Decoders.isWord(f.decoder())) {
                            throw new UsageException(MetricsOptions.LABEL + " " + label + ": field " + label + " of map "
                                + layout.map() + " is not an integer, enum or string, so it cannot be a label");
                        }
                        fields.add(f);
                        found.put(label, true);
                    }
                }
            }
            MapMetric metric = named.get(layout.map());
            maps.put(layout.map(), new MapCounts(metric != null && metric.name() != null ? metric.name()
                : MetricNames.of(object, layout.map(), "events"), metric == null ? null : metric.help(), layout.map(),
                fields, maxSeries));
        }
        for (String label : labels) {
            if (!found.containsKey(label)) {
                List<String> names = new ArrayList<>();
                layouts.forEach(l -> l.decoder().fields().forEach(f -> names.add(f.name())));
                throw new UsageException(MetricsOptions.LABEL + " " + label + ": no event field of that name"
                    + (names.isEmpty() ? " (the package sends no events)" : "; the events have " + String.join(", ",
                    names.stream().distinct().toList())));
            }
        }
        return maps;
    }

    static EventMetrics wrap(EventPrinter printer, Map<String, MapCounts> maps) {
        return new EventMetrics(printer, maps, null, 0);
    }

    /** Counts every map's events, unlabelled, adding a map the first time it sends one (into {@code maps}). */
    static EventMetrics learning(EventPrinter printer, Map<String, MapCounts> maps, String object, int maxSeries) {
        return new EventMetrics(printer, maps, object, maxSeries);
    }

    @Override
    public void start() {
        printer.start();
    }

    @Override
    public void event(String map, ByteBuffer data, int offset, int size) {
        printer.event(map, data, offset, size);
        MapCounts counts = maps.get(map);
        if (counts == null && learning != null && maps.size() < maxSeries) {
            counts = maps.computeIfAbsent(map, m -> new MapCounts(MetricNames.of(learning, m, "events"), null, m,
                List.of(), maxSeries));
        }
        if (counts != null) {
            counts.count(data, offset, size);
        }
    }

    /** One counter per map. */
    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (MapCounts m : maps.values()) {
            out.add(m.snapshot());
        }
        return out;
    }

    long decodeErrors(String map) {
        MapCounts m = maps.get(map);
        return m == null ? 0 : m.shortRecords.sum();
    }

    long events(String map) {
        MapCounts m = maps.get(map);
        return m == null ? 0 : m.total.sum();
    }

    /** Label fields' bytes, compared and hashed as a whole. */
    private record RawKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RawKey k && java.util.Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    /** One label combination: its values as text and its count. */
    private static final class Series {
        private final String[] values;
        private final LongAdder count = new LongAdder();

        Series(String[] values) {
            this.values = values;
        }
    }

    /** The counts of one map. */
    static final class MapCounts {
        private final String metric;
        private final String help;
        private final String map;
        private final List<Decoders.Field> labels;
        private final String[] labelNames;
        private final int maxSeries;
        private final ConcurrentHashMap<RawKey, Series> series = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<List<String>, Series> texts = new ConcurrentHashMap<>();
        private final LongAdder overflow = new LongAdder();
        private final LongAdder total = new LongAdder();
        private final LongAdder shortRecords = new LongAdder();
        private final int keyBytes;

        MapCounts(String metric, String help, String map, List<Decoders.Field> labels, int maxSeries) {
            this.metric = metric;
            this.help = help;
            this.map = map;
            this.labels = List.copyOf(labels);
            this.labelNames = labels.stream().map(f -> MetricNames.label(f.name())).toArray(String[]::new);
            this.maxSeries = maxSeries;
            this.keyBytes = labels.stream().mapToInt(f -> f.decoder().size()).sum();
        }

        /**
         * Keyed by the label fields' raw bytes (a C string up to its NUL), so an event costs a copy into a
         * per-thread scratch array and a look in a small per-thread cache of recent keys (events of one tool
         * mostly repeat a few label values); the values are decoded to text once, when a combination is new.
         */
        void count(ByteBuffer data, int offset, int size) {
            total.increment();
            if (labels.isEmpty()) {
                return;
            }
            Scratch sc = scratch.get();
            byte[] raw = sc.bytes;
            java.util.Arrays.fill(raw, (byte) 0);
            int at = 0;
            boolean cut = false;
            for (Decoders.Field f : labels) {
                int n = f.decoder().size();
                if (f.offset() + n > size) {
                    // A record shorter than its struct: the field did not arrive, its bytes stay zero.
                    cut = true;
                } else {
                    data.get(offset + f.offset(), raw, at, n);
                    if (!(f.decoder() instanceof Decoders.Int)) {
                        for (int i = at; i < at + n; i++) {
                            if (raw[i] == 0) {
                                java.util.Arrays.fill(raw, i, at + n, (byte) 0);
                                break;
                            }
                        }
                    }
                }
                at += n;
            }
            if (cut) {
                shortRecords.increment();
            }
            int slot = java.util.Arrays.hashCode(raw) & (Scratch.SLOTS - 1);
            if (sc.keys[slot] != null && java.util.Arrays.equals(sc.keys[slot], raw)) {
                sc.series[slot].count.increment();
                return;
            }
            RawKey key = new RawKey(raw.clone());
            Series s = series.get(key);
            if (s == null) {
                s = byText(decode(data, offset, size));
                if (s == null) {
                    overflow.increment();
                    return;
                }
                // Bounded too: bytes that differ only where the text does not (a bitfield's neighbours, a
                // bool's non-zero byte) map to one series; past the bound, the text path above still counts.
                if (series.size() < 4 * maxSeries) {
                    series.putIfAbsent(key, s);
                }
            }
            sc.keys[slot] = key.bytes();
            sc.series[slot] = s;
            s.count.increment();
        }

        /** A reader thread's own copy buffer and its recent keys. */
        private final class Scratch {
            static final int SLOTS = 16;
            final byte[] bytes = new byte[keyBytes];
            final byte[][] keys = new byte[SLOTS][];
            final Series[] series = new Series[SLOTS];
        }

        private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

        /** The series of these label values, made if there is room; null when the cap is reached. */
        private Series byText(String[] values) {
            List<String> key = List.of(values);
            Series s = texts.get(key);
            if (s == null && texts.size() < maxSeries) {
                s = texts.computeIfAbsent(key, k -> new Series(values));
            }
            return s;
        }

        private String[] decode(ByteBuffer data, int offset, int size) {
            String[] out = new String[labels.size()];
            for (int i = 0; i < out.length; i++) {
                Decoders.Field f = labels.get(i);
                out[i] = f.offset() + f.decoder().size() > size ? "" : f.decoder().text(data, offset + f.offset());
            }
            return out;
        }

        MetricSnapshot snapshot() {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(metric)
                .help(help != null ? help : "Events the " + map + " map sent" + (labels.isEmpty() ? "" : ", by "
                    + String.join(", ", labels.stream().map(Decoders.Field::name).toList())));
            if (labels.isEmpty()) {
                b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(total.sum()).build());
                return b.build();
            }
            texts.values().forEach(s -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, s.values)).value(s.count.sum()).build()));
            if (overflow.sum() > 0) {
                String[] all = new String[labelNames.length];
                java.util.Arrays.fill(all, OVERFLOW);
                b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of(labelNames, all))
                    .value(overflow.sum()).build());
            }
            return b.build();
        }
    }
}
