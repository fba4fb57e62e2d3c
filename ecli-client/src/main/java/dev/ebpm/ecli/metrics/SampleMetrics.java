package dev.ebpm.ecli.metrics;

import dev.ebpm.ecli.output.SampleEntry;
import dev.ebpm.ecli.output.SampleFields;
import dev.ebpm.ecli.output.SampleSink;
import dev.ebpm.format.meta.MapMetric;
import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.values.Decoders;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest state of one {@code @sample} map, as Prometheus metrics. {@code log2_hist} and {@code linear_hist}
 * maps are histograms (one per key, labelled by the key's fields): a package that clears its map after each
 * sample adds an interval's counts, so they are added up here and the buckets stay cumulative as Prometheus
 * needs; one that does not clear it already holds totals. {@code default_kv} maps are gauges, one per numeric
 * value field, labelled by the key's fields, holding the last sample.
 */
final class SampleMetrics implements SampleSink {
    private final String map;
    private final MapSample sample;
    private final boolean composite;
    /** The key's fields, which label each series, and their label names; the value's numeric fields. */
    private final List<Decoders.Field> keyFields;
    private final String[] labelNames;
    private final List<Decoders.Field> numeric;
    private final String metric;
    private final String help;
    private final int maxSeries;
    private final Decoders.Field slots;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Per key (its labels' values): the histogram's bucket counts, or the gauges' values. */
    private final Map<List<String>, double[]> state = new LinkedHashMap<>();

    SampleMetrics(String object, SampledMap m, int maxSeries, MapMetric named) {
        this.map = m.map();
        this.sample = m.sample();
        this.composite = m.value() instanceof Decoders.Composite;
        this.keyFields = SampleFields.of(m.key(), m.keyName());
        this.labelNames = keyFields.stream().map(f -> MetricNames.label(f.name())).toArray(String[]::new);
        this.numeric = SampleFields.of(m.value(), m.valueName()).stream()
            .filter(f -> f.decoder() instanceof Decoders.Int).toList();
        this.metric = named != null && named.name() != null ? named.name() : MetricNames.of(object, map, null);
        this.help = named == null ? null : named.help();
        this.maxSeries = maxSeries;
        this.slots = sample.typeOrDefault() == SampleType.DEFAULT_KV ? null : SampleFields.slots(m.value());
    }

    @Override
    public synchronized void sample(List<SampleEntry> entries) {
        samples.incrementAndGet();
        boolean accumulate = slots != null && sample.clearMapOrDefault();
        if (!accumulate) {
            state.clear();
        }
        for (SampleEntry e : entries) {
            List<String> labels = new ArrayList<>();
            for (Decoders.Field f : keyFields) {
                labels.add(f.decoder().text(e.key(), f.offset()));
            }
            double[] now = slots != null ? counts(e) : values(e);
            double[] held = state.get(labels);
            if (held == null) {
                if (state.size() >= maxSeries) {
                    dropped.incrementAndGet();
                    continue;
                }
                state.put(labels, now);
            } else if (accumulate) {
                for (int i = 0; i < held.length && i < now.length; i++) {
                    held[i] += now[i];
                }
            } else {
                state.put(labels, now);
            }
        }
    }

    private double[] counts(SampleEntry e) {
        long[] c = Decoders.integers(slots.decoder(), e.value(), slots.offset());
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i];
        }
        return out;
    }

    private double[] values(SampleEntry e) {
        double[] out = new double[numeric.size()];
        for (int i = 0; i < out.length; i++) {
            Decoders.Field f = numeric.get(i);
            out[i] = Double.parseDouble(f.decoder().text(e.value(), f.offset()));
        }
        return out;
    }

    long samples() {
        return samples.get();
    }

    long dropped() {
        return dropped.get();
    }

    String map() {
        return map;
    }

    synchronized List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        if (slots != null) {
            HistogramSnapshot.Builder h = HistogramSnapshot.builder().name(metric).help(help != null ? help
                : "Distribution sampled from map " + map + ", in " + sample.unitOrDefault() + " ("
                + (sample.typeOrDefault() == SampleType.LINEAR_HIST ? "linear buckets"
                : "log2 buckets; _sum estimated from bucket midpoints") + ")");
            state.forEach((labels, counts) -> h.dataPoint(histogram(labelNames, labels, counts)));
            out.add(h.build());
            return out;
        }
        for (int i = 0; i < numeric.size(); i++) {
            String field = numeric.get(i).name();
            String name = composite ? metric + "_" + MetricNames.label(field) : metric;
            GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help((help != null ? help + ": " : "")
                + "value " + field + " of map " + map + " at the last sample");
            int index = i;
            state.forEach((labels, values) -> g.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, labels.toArray(String[]::new))).value(values[index]).build()));
            out.add(g.build());
        }
        return out;
    }

    private HistogramSnapshot.HistogramDataPointSnapshot histogram(String[] names, List<String> values,
                                                                   double[] counts) {
        boolean linear = sample.typeOrDefault() == SampleType.LINEAR_HIST;
        double[] bounds = new double[counts.length + 1];
        long[] perBucket = new long[counts.length + 1];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            // log2: slot i holds [2^i, 2^(i+1)-1], slot 0 holds 0 and 1 (bcc's layout); linear: slot i holds i.
            double low = linear ? i : i == 0 ? 0 : Math.pow(2, i);
            double high = linear ? i : i == 0 ? 1 : Math.pow(2, i + 1) - 1;
            bounds[i] = high;
            perBucket[i] = (long) counts[i];
            sum += counts[i] * (low + high) / 2;
        }
        bounds[counts.length] = Double.POSITIVE_INFINITY;
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, perBucket)).sum(sum)
            .labels(Labels.of(names, values.toArray(String[]::new))).build();
    }
}
