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
import java.util.Arrays;
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
    private Last last;

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
        // The map of the previous event, compared by identity: a source passes the same name every time.
        Last last = this.last;
        MapCounts counts;
        if (last != null && last.map == map) {
            counts = last.counts;
        } else {
            counts = maps.get(map);
            if (counts == null && learning != null && maps.size() < maxSeries) {
                counts = maps.computeIfAbsent(map, m -> new MapCounts(MetricNames.of(learning, m, "events"), null, m,
                    List.of(), maxSeries));
            }
            if (counts == null) {
                return;
            }
            this.last = new Last(map, counts);
        }
        counts.count(data, offset, size);
    }

    /** Immutable, so a poller reading another poller's write sees a matching pair. */
    private record Last(String map, MapCounts counts) {
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
        return m == null ? 0 : m.total();
    }

    /** Label fields' bytes, compared and hashed as a whole: the key of label fields longer than 8 bytes. */
    private record RawKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RawKey k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
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
        private static final int SLOTS = 16;
        /** Where the events of label values beyond the cap go: they count in the overflow series. */
        private static final Series FULL = new Series(new String[0]);

        private final String metric;
        private final String help;
        private final String map;
        private final List<Decoders.Field> labels;
        private final String[] labelNames;
        private final int maxSeries;
        /** Raw label bytes (a Long when they fit in 8 bytes, else a RawKey) to their series. */
        private final ConcurrentHashMap<Object, Series> series = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<List<String>, Series> texts = new ConcurrentHashMap<>();
        private final LongAdder overflow = new LongAdder();
        /** Unlabelled maps only; a labelled map's total is the sum of its series. */
        private final LongAdder total = new LongAdder();
        private final LongAdder shortRecords = new LongAdder();
        /** Each label field's offset, size and whether it is a C string. */
        private final int[] offsets;
        private final int[] sizes;
        private final boolean[] strings;
        private final int keyBytes;
        private final boolean packs;
        private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
        /** The scratch of the thread that counted last: one map's events come from one poller. */
        private Scratch recent;

        MapCounts(String metric, String help, String map, List<Decoders.Field> labels, int maxSeries) {
            this.metric = metric;
            this.help = help;
            this.map = map;
            this.labels = List.copyOf(labels);
            this.labelNames = labels.stream().map(f -> MetricNames.label(f.name())).toArray(String[]::new);
            this.maxSeries = maxSeries;
            this.offsets = labels.stream().mapToInt(Decoders.Field::offset).toArray();
            this.sizes = labels.stream().mapToInt(f -> f.decoder().size()).toArray();
            this.strings = new boolean[labels.size()];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = Decoders.isString(labels.get(i).decoder());
            }
            this.keyBytes = Arrays.stream(sizes).sum();
            this.packs = keyBytes <= 8;
        }

        long total() {
            if (labels.isEmpty()) {
                return total.sum();
            }
            long sum = overflow.sum();
            for (Series s : texts.values()) {
                sum += s.count.sum();
            }
            return sum;
        }

        /**
         * Keyed by the label fields' raw bytes (a C string up to its NUL), packed into a long when they fit, so
         * an event costs a few reads and a look in a small per-thread cache of recent keys (events of one tool
         * mostly repeat a few label values); the values are decoded to text once, when a combination is new.
         */
        void count(ByteBuffer data, int offset, int size) {
            if (sizes.length == 0) {
                total.increment();
                return;
            }
            Scratch sc = recent;
            if (sc == null || sc.thread != Thread.currentThread()) {
                sc = scratch.get();
                recent = sc;
            }
            Series s = packs ? packed(sc, data, offset, size) : raw(sc, data, offset, size);
            if (s == FULL) {
                overflow.increment();
            } else {
                s.count.increment();
            }
        }

        private Series packed(Scratch sc, ByteBuffer data, int offset, int size) {
            long key = 0;
            boolean cut = false;
            // Arrays and an index, not the list: ecli runs C1-compiled, where an iterator is an allocation
            // and a decoder's size() an interface call, per event.
            for (int f = 0; f < sizes.length; f++) {
                int n = sizes[f];
                int at = offset + offsets[f];
                long v = 0;
                if (offsets[f] + n > size) {
                    // A record shorter than its struct: the field did not arrive, its bytes count as zero.
                    cut = true;
                } else if (strings[f]) {
                    for (int i = 0; i < n; i++) {
                        byte b = data.get(at + i);
                        if (b == 0) {
                            break;
                        }
                        v |= (b & 0xffL) << (8 * i);
                    }
                } else if (n == 1 || n == 2 || n == 4 || n == 8) {
                    v = Decoders.readUnsigned(data, at, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        v |= (data.get(at + i) & 0xffL) << (8 * i);
                    }
                }
                key = n == 8 ? v : key << (8 * n) | v;
            }
            if (cut) {
                shortRecords.increment();
            }
            int slot = (int) (key ^ key >>> 17 ^ key >>> 37) & (SLOTS - 1);
            if (sc.series[slot] != null && sc.packedKeys[slot] == key) {
                return sc.series[slot];
            }
            Series s = find(key, data, offset, size);
            sc.packedKeys[slot] = key;
            sc.series[slot] = s;
            return s;
        }

        private Series raw(Scratch sc, ByteBuffer data, int offset, int size) {
            byte[] raw = sc.bytes;
            Arrays.fill(raw, (byte) 0);
            int at = 0;
            boolean cut = false;
            for (int f = 0; f < sizes.length; f++) {
                int n = sizes[f];
                if (offsets[f] + n > size) {
                    cut = true;
                } else {
                    data.get(offset + offsets[f], raw, at, n);
                    if (strings[f]) {
                        for (int i = at; i < at + n; i++) {
                            if (raw[i] == 0) {
                                Arrays.fill(raw, i, at + n, (byte) 0);
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
            int slot = Arrays.hashCode(raw) & (SLOTS - 1);
            if (sc.rawKeys[slot] != null && Arrays.equals(sc.rawKeys[slot], raw)) {
                return sc.series[slot];
            }
            RawKey key = new RawKey(raw.clone());
            Series s = find(key, data, offset, size);
            sc.rawKeys[slot] = key.bytes();
            sc.series[slot] = s;
            return s;
        }

        /**
         * The series of a key not in the thread's cache, or {@link #FULL} when the cap is reached (remembered
         * too, since the text combinations only grow, so an overflowing key is decoded once, not per event).
         */
        private Series find(Object key, ByteBuffer data, int offset, int size) {
            Series s = series.get(key);
            if (s == null) {
                s = byText(decode(data, offset, size));
                // Bounded too: bytes that differ only where the text does not (a bitfield's neighbours, a
                // bool's non-zero byte) map to one series; past the bound, the text path still counts.
                if (series.size() < 4 * maxSeries) {
                    series.putIfAbsent(key, s);
                }
            }
            return s;
        }

        /** A poller thread's own copy buffer and its recent keys (packed or raw, as the map's labels need). */
        private final class Scratch {
            final Thread thread = Thread.currentThread();
            final byte[] bytes = packs ? null : new byte[keyBytes];
            final long[] packedKeys = new long[SLOTS];
            final byte[][] rawKeys = new byte[SLOTS][];
            final Series[] series = new Series[SLOTS];
        }

        /** The series of these label values, made if there is room; {@link #FULL} when the cap is reached. */
        private Series byText(String[] values) {
            List<String> key = List.of(values);
            Series s = texts.get(key);
            if (s == null && texts.size() < maxSeries) {
                s = texts.computeIfAbsent(key, k -> new Series(values));
            }
            return s == null ? FULL : s;
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
                Arrays.fill(all, OVERFLOW);
                b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of(labelNames, all))
                    .value(overflow.sum()).build());
            }
            return b.build();
        }
    }
}
