package dev.ebpm.ecli.metrics;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.loader.ProgramStats;
import dev.ebpm.ecli.output.EventLayout;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.output.SampleSink;
import dev.ebpm.format.meta.MapMetric;
import dev.ebpm.format.options.UsageException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics of one run, served over HTTP while it runs. {@link #start} checks the labels and binds the
 * address before anything is loaded, so a bad label or a port in use stops the run with nothing in the kernel.
 * Then the run passes its events and samples through {@link #events} and {@link #samples}, and tells it how
 * many events each reader lost.
 */
public final class RunMetrics implements AutoCloseable {
    private final Map<String, EventMetrics.MapCounts> events;
    private final Map<String, SampleMetrics> samples = new LinkedHashMap<>();
    private final HTTPServer server;
    private final String url;
    private volatile EventMetrics eventMetrics;
    private volatile Supplier<Map<String, Long>> lost = Map::of;
    private final Map<String, Integer> programs = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set for a wasm module: the name its maps' counters start with. */
    private final String module;
    private final int maxSeries;
    private final boolean bpfStats;
    private volatile ProgramStats.Switch stats;

    private RunMetrics(Map<String, EventMetrics.MapCounts> events, List<SampledMap> sampled, String object,
                       MetricsOptions options, Map<String, MapMetric> named, String module) {
        this.events = events;
        this.module = module;
        this.maxSeries = options.maxSeries();
        this.bpfStats = options.bpfStats();
        for (SampledMap s : sampled) {
            samples.put(s.map(), new SampleMetrics(object, s, options.maxSeries(), named.get(s.map())));
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) this::collect);
        this.server = bind(options, registry);
        String host = options.host().isEmpty() ? "127.0.0.1" : options.host().contains(":") ? "[" + options.host()
            + "]" : options.host();
        this.url = "http://" + host + ":" + server.getPort() + "/metrics";
    }

    /**
     * {@code object}: the package's object name, which derived metric names start with; {@code named}: the
     * maps whose {@code @metric} annotation chose their metric's name or help.
     */
    public static RunMetrics start(MetricsOptions options, String object, List<EventLayout> layouts,
                                   List<SampledMap> sampled, Map<String, MapMetric> named) {
        Map<String, EventMetrics.MapCounts> events = EventMetrics.plan(object, layouts, options.labels(),
            options.maxSeries(), named);
        return new RunMetrics(events, sampled, object, options, named, null);
    }

    /**
     * For a wasm module, which reads its maps itself: ecli counts the events it hands the module per map,
     * what the readers lost, and the programs the module attached. Labels need decoded events, which only the
     * module has, so {@code --metrics-label} is refused.
     */
    public static RunMetrics forModule(MetricsOptions options, String module) {
        checkModule(options, module);
        return new RunMetrics(new java.util.concurrent.ConcurrentHashMap<>(), List.of(), module, options, Map.of(),
            module.replaceFirst("\\.wasm$", ""));
    }

    /** Checks the options for a wasm module without serving anything (a dry run). */
    public static void checkModule(MetricsOptions options, String module) {
        if (!options.labels().isEmpty()) {
            throw new UsageException(MetricsOptions.LABEL + " needs the package's event types; " + module
                + " is a wasm module, which decodes its own events (its counters are per map)");
        }
    }

    /** Checks the options against the package without serving anything (a dry run). */
    public static void check(MetricsOptions options, String object, List<EventLayout> layouts) {
        EventMetrics.plan(object, layouts, options.labels(), options.maxSeries(), Map.of());
    }

    private static HTTPServer bind(MetricsOptions options, PrometheusRegistry registry) {
        String where = (options.host().isEmpty() ? "" : options.host()) + ":" + options.port();
        try {
            HTTPServer.Builder b = HTTPServer.builder().port(options.port()).registry(registry);
            if (!options.host().isEmpty()) {
                b.inetAddress(InetAddress.getByName(options.host()));
            }
            return b.buildAndStart();
        } catch (BindException e) {
            throw new UsageException(MetricsOptions.METRICS + " " + where + ": cannot listen there ("
                + e.getMessage() + "; is another process using the port?)");
        } catch (UnknownHostException e) {
            throw new UsageException(MetricsOptions.METRICS + " " + where + ": no such host " + options.host());
        } catch (IOException | RuntimeException e) {
            throw EcliException.failed("cannot serve metrics at " + where + ": " + e.getMessage());
        }
    }

    /** Where Prometheus scrapes. */
    public String url() {
        return url;
    }

    /** {@code printer}, counting every event on the way. */
    public EventPrinter events(EventPrinter printer) {
        EventMetrics m = module != null ? EventMetrics.learning(printer, events, module, maxSeries)
            : EventMetrics.wrap(printer, events);
        eventMetrics = m;
        return m;
    }

    /** {@code printer} for sampled map {@code map}, with the metrics taking each sample too. */
    public SampleSink samples(String map, SampleSink printer) {
        SampleMetrics m = samples.get(map);
        return m == null ? printer : SampleSink.both(printer, m);
    }

    /**
     * The loaded programs' fds by name, whose run time and run count the metrics report when the kernel counts
     * them; with {@code --metrics-bpf-stats}, turns the kernel's statistics on for the rest of the run.
     */
    public synchronized void programs(Map<String, Integer> fds) {
        if (bpfStats && stats == null) {
            stats = ProgramStats.enable();
        }
        programs.putAll(fds);
    }

    /** Programs that were closed (a wasm module closed their object): their fds may now be something else's. */
    public void forgetPrograms(java.util.Collection<String> names) {
        programs.keySet().removeAll(names);
    }

    /** How many events each reader lost so far, by map. */
    public void lost(Supplier<Map<String, Long>> lost) {
        this.lost = lost;
    }

    private MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        EventMetrics em = eventMetrics;
        if (em != null) {
            out.addAll(em.snapshots());
        }
        for (SampleMetrics s : samples.values()) {
            out.addAll(s.snapshots());
        }
        CounterSnapshot.Builder read = own("ecli_events_read", "Events ecli read from each export map");
        CounterSnapshot.Builder decode = own("ecli_event_decode_errors",
            "Events shorter than their struct, whose missing fields could not be decoded");
        for (String map : events.keySet()) {
            read.dataPoint(point(map, em == null ? 0 : em.events(map)));
            decode.dataPoint(point(map, em == null ? 0 : em.decodeErrors(map)));
        }
        CounterSnapshot.Builder lostEvents = own("ecli_events_lost", "Events the kernel dropped because ecli's "
            + "reader fell behind");
        lost.get().forEach((map, n) -> lostEvents.dataPoint(point(map, n)));
        CounterSnapshot.Builder taken = own("ecli_samples", "Samples ecli took of each sampled map");
        CounterSnapshot.Builder dropped = own("ecli_sample_series_dropped", "Keys of sampled maps left out of the "
            + "metrics by --metrics-max-series");
        for (SampleMetrics s : samples.values()) {
            taken.dataPoint(point(s.map(), s.samples()));
            dropped.dataPoint(point(s.map(), s.dropped()));
        }
        CounterSnapshot.Builder runTime = own("ecli_bpf_prog_run_time_seconds", "Time the kernel spent running "
            + "each program, counted while the kernel's BPF statistics are on");
        CounterSnapshot.Builder runs = own("ecli_bpf_prog_runs", "Times each program ran, counted while the "
            + "kernel's BPF statistics are on");
        Map<String, Integer> counted = stats != null && stats.on() || ProgramStats.enabledBySystem() ? programs
            : Map.of();
        new java.util.TreeMap<>(counted).forEach((prog, fd) -> {
            ProgramStats s = ProgramStats.read(fd);
            if (s != null) {
                runTime.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("prog", prog))
                    .value(s.runTimeNs() / 1e9).build());
                runs.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("prog", prog))
                    .value(s.runCount()).build());
            }
        });
        out.add(runTime.build());
        out.add(runs.build());
        out.add(read.build());
        out.add(decode.build());
        out.add(lostEvents.build());
        out.add(taken.build());
        out.add(dropped.build());
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot.Builder own(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    private static CounterSnapshot.CounterDataPointSnapshot point(String map, long value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("map", map)).value(value).build();
    }

    /** Stops serving; the statistics go back off (before the programs are closed, which is fine either way). */
    @Override
    public synchronized void close() {
        server.close();
        if (stats != null) {
            stats.close();
        }
    }
}
