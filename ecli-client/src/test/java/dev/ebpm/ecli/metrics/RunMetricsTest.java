package dev.ebpm.ecli.metrics;

import dev.ebpm.ecli.output.EventLayout;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.output.SampleEntry;
import dev.ebpm.ecli.output.SampleSink;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.options.UsageException;
import dev.ebpm.format.testing.TestBpfObjects;
import dev.ebpm.format.values.Decoders;
import dev.ebpm.format.values.Encoder;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metrics a run serves, over real HTTP, in both text formats, each checked by the reference Python client's
 * parser (Debian's python3-prometheus-client), which refuses what Prometheus would.
 */
class RunMetricsTest {
    private static final Btf BTF = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
    private static final BtfType.Composite EVENT = BTF.struct("event").orElseThrow();
    private static final EventLayout EVENTS = new EventLayout("rb", Decoders.struct(BTF, EVENT,
        List.of("pid", "comm", "col", "in")));
    private static final Decoders.Int U32 = new Decoders.Int(4, false);
    private static final Decoders.Composite HIST = new Decoders.Composite(List.of(new Decoders.Field("slots", 0,
        new Decoders.ArrayValue(U32, 4, 4))), 16);

    private static ByteBuffer event(String json) {
        ByteBuffer b = ByteBuffer.allocate(EVENT.size()).order(ByteOrder.LITTLE_ENDIAN);
        Encoder.write(BTF, EVENT.id(), Json.parse(json), b, 0, "event");
        return b;
    }

    private static ByteBuffer u32s(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            b.putInt(i * 4, values[i]);
        }
        return b;
    }

    private static MetricsOptions options(List<String> labels, int maxSeries) {
        return new MetricsOptions("127.0.0.1", 0, labels, maxSeries, false);
    }

    private static String scrape(RunMetrics m, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(m.url()));
        if (accept != null) {
            r.header("Accept", accept);
        }
        HttpResponse<String> got = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        return got.body();
    }

    @Test
    void eventsCountByLabelWithinTheSeriesCapAndHistogramsStayCumulative() throws Exception {
        MapSample log2 = new MapSample(1000, SampleType.LOG2_HIST, "usecs", true, Map.of());
        try (RunMetrics m = RunMetrics.start(options(List.of("comm", "col"), 2), "demo", List.of(EVENTS),
            List.of(new SampledMap("lat", log2, U32, "u32", HIST, "hist")), Map.of())) {
            EventPrinter events = m.events(EventPrinter.NONE);
            events.start();
            for (String e : List.of("{\"comm\": \"sh\", \"col\": \"RED\"}", "{\"comm\": \"sh\", \"col\": \"RED\"}",
                "{\"comm\": \"bash\", \"col\": 5}", "{\"comm\": \"zsh\", \"col\": \"RED\"}")) {
                events.event("rb", event(e), 0, EVENT.size());
            }
            SampleSink lat = m.samples("lat", SampleSink.NONE);
            // clear_map: each sample is one interval's counts, which add up.
            lat.sample(List.of(new SampleEntry(u32s(0), u32s(1, 2, 0, 1))));
            lat.sample(List.of(new SampleEntry(u32s(0), u32s(0, 1, 0, 0))));
            m.lost(() -> Map.of("rb", 3L));

            String text = scrape(m, null);
            assertThat(text).contains("ebpm_demo_rb_events_total{col=\"RED\",comm=\"sh\"} 2.0",
                "ebpm_demo_rb_events_total{col=\"GREEN\",comm=\"bash\"} 1.0",
                "ebpm_demo_rb_events_total{col=\"__overflow__\",comm=\"__overflow__\"} 1.0",
                "ebpm_demo_lat_bucket{u32=\"0\",le=\"1.0\"} 1", "ebpm_demo_lat_bucket{u32=\"0\",le=\"3.0\"} 4",
                "ebpm_demo_lat_bucket{u32=\"0\",le=\"7.0\"} 4", "ebpm_demo_lat_bucket{u32=\"0\",le=\"15.0\"} 5",
                "ebpm_demo_lat_bucket{u32=\"0\",le=\"+Inf\"} 5", "ebpm_demo_lat_count{u32=\"0\"} 5",
                "ecli_events_read_total{map=\"rb\"} 4.0", "ecli_events_lost_total{map=\"rb\"} 3.0",
                "ecli_samples_total{map=\"lat\"} 2.0");
            ExpositionParser.parsesStrictly(text, "prometheus");
            String open = scrape(m, "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(open).endsWith("# EOF\n").contains("# TYPE ebpm_demo_rb_events counter");
            ExpositionParser.parsesStrictly(open, "openmetrics");
        }
    }

    @Test
    void labelValuesAreTheirWholeBytesWhetherPackedOrNot() throws Exception {
        // An enum whose value has a zero byte (RED is 00 00 00 00, 256 is 00 01 00 00) is not cut there as a
        // string is: two series. pid and col fit a packed key, comm and col do not.
        for (List<String> labels : List.of(List.of("pid", "col"), List.of("comm", "col"))) {
            try (RunMetrics m = RunMetrics.start(options(labels, 10), "demo", List.of(EVENTS), List.of(), Map.of())) {
                EventPrinter events = m.events(EventPrinter.NONE);
                events.start();
                for (String e : List.of("{\"pid\": 7, \"comm\": \"sh\", \"col\": \"RED\"}",
                    "{\"pid\": 7, \"comm\": \"sh\", \"col\": 256}", "{\"pid\": 7, \"comm\": \"sh\", \"col\": \"RED\"}",
                    "{\"pid\": 263, \"comm\": \"sh\", \"col\": \"RED\"}")) {
                    events.event("rb", event(e), 0, EVENT.size());
                }
                String text = scrape(m, null);
                String first = labels.get(0).equals("pid") ? "pid=\"7\"" : "comm=\"sh\"";
                assertThat(text).contains("ebpm_demo_rb_events_total{col=\"RED\"," + first + "} " 
                        + (labels.get(0).equals("pid") ? "2.0" : "3.0"),
                    "ebpm_demo_rb_events_total{col=\"256\"," + first + "} 1.0", "ecli_events_read_total{map=\"rb\"} 4.0");
                assertThat(text.contains("pid=\"263\"")).isEqualTo(labels.get(0).equals("pid"));
                ExpositionParser.parsesStrictly(text, "prometheus");
            }
        }
    }

    @Test
    void sampledKeyValueMapsAreGaugesOfTheLastSample() throws Exception {
        MapSample kv = new MapSample(1000, SampleType.DEFAULT_KV, null, null, Map.of());
        try (RunMetrics m = RunMetrics.start(options(List.of(), 10), "demo", List.of(),
            List.of(new SampledMap("counts", kv, U32, "cpu", U32, "u32")),
            Map.of("counts", new dev.ebpm.format.meta.MapMetric("calls", "Calls per CPU")))) {
            SampleSink counts = m.samples("counts", SampleSink.NONE);
            counts.sample(List.of(new SampleEntry(u32s(0), u32s(9)), new SampleEntry(u32s(1), u32s(4))));
            counts.sample(List.of(new SampleEntry(u32s(1), u32s(6))));
            String text = scrape(m, null);
            assertThat(text).contains("# TYPE calls gauge", "# HELP calls Calls per CPU", "calls{cpu=\"1\"} 6.0")
                .doesNotContain("cpu=\"0\"");
            ExpositionParser.parsesStrictly(text, "prometheus");
        }
    }

    @Test
    void aLabelThatIsNoFieldOrNoWordIsAUsageErrorBeforeAnythingIsServed() {
        assertThatThrownBy(() -> RunMetrics.start(options(List.of("nope"), 10), "demo", List.of(EVENTS), List.of(),
            Map.of()))
            .isInstanceOf(UsageException.class)
            .hasMessage("--metrics-label nope: no event field of that name; the events have pid, comm, col, in");
        assertThatThrownBy(() -> RunMetrics.start(options(List.of("in"), 10), "demo", List.of(EVENTS), List.of(),
            Map.of()))
            .isInstanceOf(UsageException.class).hasMessageContaining("is not an integer, enum or string");
    }

    @Test
    void aPortInUseIsAUsageError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            MetricsOptions o = new MetricsOptions("127.0.0.1", taken.getLocalPort(), List.of(), 10, false);
            assertThatThrownBy(() -> RunMetrics.start(o, "demo", List.of(EVENTS), List.of(),
            Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--metrics 127.0.0.1:"
                    + taken.getLocalPort() + ": cannot listen there");
        }
    }

    @Test
    void addressesAreCheckedWhenParsed() {
        assertThatThrownBy(() -> build("9464")).hasMessageContaining("expected [HOST]:PORT");
        assertThatThrownBy(() -> build(":70000")).hasMessageContaining("port must be a number from 0 to 65535");
        assertThatThrownBy(() -> build("a b:80")).hasMessageContaining("not a host name or address");
        assertThat(build(":9464").host()).isEmpty();
        assertThat(build("[::1]:9464").host()).isEqualTo("::1");
        MetricsOptions.Builder b = new MetricsOptions.Builder();
        MetricsOptions.TABLE.take(List.of("--metrics-label", "comm"), 0, b);
        assertThatThrownBy(b::build).hasMessage("--metrics-label, --metrics-max-series and --metrics-bpf-stats need --metrics [HOST]:PORT");
    }

    private static MetricsOptions build(String address) {
        MetricsOptions.Builder b = new MetricsOptions.Builder();
        MetricsOptions.TABLE.take(List.of("--metrics", address), 0, b);
        return b.build();
    }
}
