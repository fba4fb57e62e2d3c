package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ecli run --metrics} scraped by a real Prometheus server (Debian's), queried through its HTTP API as
 * a dashboard would: the signal counter (named by sigsnoop's {@code @metric}) rises by the signals the test
 * sends, labelled by signal; runqlat's
 * histogram gives histogram_quantile a number; the target is up.
 */
class MetricsScrapeTest extends KernelTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Process prometheus;
    private Path data;

    @AfterEach
    void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts Prometheus scraping {@code target} every second; its API's base URL. */
    private String startPrometheus(int target) throws Exception {
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "prometheus-");
        Path config = data.resolve("prometheus.yml");
        Files.writeString(config, """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: ecli
                static_configs:
                  - targets: ['127.0.0.1:%d']
            """.formatted(target));
        int port = freePort();
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + data
            .resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
            .redirectOutput(data.resolve("prometheus.log").toFile()).start();
        return "http://127.0.0.1:" + port;
    }

    /** The value of the first series {@code query} returns, or NaN while it returns none (or Prometheus is starting). */
    private static double query(String api, String query) throws Exception {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Double.NaN;
            }
            JsonNode result = Json.parse(r.body()).path("data").path("result");
            return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static double awaitQuery(String api, String query, double atLeast) throws Exception {
        double v = Double.NaN;
        for (int i = 0; i < 300; i++) {
            v = query(api, query);
            if (!Double.isNaN(v) && v >= atLeast) {
                return v;
            }
            Thread.sleep(100);
        }
        return v;
    }

    @Test
    void prometheusSeesTheSignalsSentLabelledBySignal() throws Exception {
        int port = freePort();
        String statsBefore = Files.readString(Path.of("/proc/sys/kernel/bpf_stats_enabled")).strip();
        Process target = new ProcessBuilder("sleep", "120").start();
        try (EcliProcess ecli = EcliProcess.start("run", TestPackages.example("sigsnoop").toString(), "--metrics",
            "127.0.0.1:" + port, "--metrics-label", "sig", "--metrics-bpf-stats", "--output", "none", "--duration", "60")) {
            ecli.awaitRunning(30);
            String api = startPrometheus(port);
            assertThat(awaitQuery(api, "up{job=\"ecli\"}", 1)).as("up").isEqualTo(1);
            double before = query(api, "sum(sigsnoop_signals_total{sig=\"18\"})");
            for (int i = 0; i < 5; i++) {
                assertThat(sh("kill", "-CONT", Long.toString(target.pid()))).isZero();
            }
            double expected = (Double.isNaN(before) ? 0 : before) + 5;
            assertThat(awaitQuery(api, "sum(sigsnoop_signals_total{sig=\"18\"})", expected))
                .as("SIGCONTs counted by Prometheus").isGreaterThanOrEqualTo(expected);
            assertThat(ecli.out()).as("--output none prints no events").isEmpty();
            assertThat(awaitQuery(api, "ecli_bpf_prog_runs_total{prog=\"kill_entry\"}", 5))
                .as("kill_entry's runs, counted by the kernel").isGreaterThanOrEqualTo(5);
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
        } finally {
            target.destroyForcibly();
        }
        assertThat(Files.readString(Path.of("/proc/sys/kernel/bpf_stats_enabled")).strip())
            .as("the machine's setting, untouched").isEqualTo(statsBefore);
    }

    @Test
    void histogramQuantileOverRunqlatsBucketsIsANumber() throws Exception {
        int port = freePort();
        try (EcliProcess ecli = EcliProcess.start("run", TestPackages.example("runqlat").toString(), "--metrics",
            "127.0.0.1:" + port, "--output", "none", "--duration", "60")) {
            ecli.awaitRunning(30);
            String api = startPrometheus(port);
            // Scheduling happens anyway; a few busy threads make sure of it.
            for (int i = 0; i < 4; i++) {
                sh("sh", "-c", "i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done");
            }
            double p90 = awaitQuery(api, "histogram_quantile(0.9, sum by (le) (ebpm_runqlat_hists_bucket))", 0);
            assertThat(p90).as("p90 run-queue latency in usecs").isNotNaN().isGreaterThanOrEqualTo(0);
            ecli.signal("TERM");
            assertThat(ecli.waitFor(20)).isZero();
        }
    }

    @Test
    void everyExamplesExpositionParsesStrictly() throws Exception {
        for (String example : List.of("bashreadline", "execsnoop", "opensnoop", "profile", "runqlat", "sigsnoop",
            "syscalltop", "tcpingress", "tcpstates")) {
            int port = freePort();
            try (EcliProcess ecli = EcliProcess.start("run", TestPackages.example(example).toString(), "--metrics",
                "127.0.0.1:" + port, "--output", "none", "--duration", "30")) {
                ecli.awaitRunning(30);
                sh("/bin/true");
                Thread.sleep(1200);
                for (String accept : List.of("text/plain", "application/openmetrics-text; version=1.0.0")) {
                    String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString()).body();
                    // syscalltop is a wasm-bpf tool's kernel half: no export or sampled map, so nothing to report.
                    if (!example.equals("syscalltop")) {
                        assertThat(text).as(example).contains("# TYPE ecli_");
                    }
                    dev.ebpm.ecli.metrics.ExpositionParser.parsesStrictly(text, accept.startsWith("application")
                        ? "openmetrics" : "prometheus");
                }
                ecli.signal("INT");
                assertThat(ecli.waitFor(20)).as(example + ": " + ecli.errText()).isZero();
            }
        }
    }

    @Test
    void badMetricsFlagsStopTheRunWithOneLineAndNothingLoaded() throws Exception {
        String sigsnoop = TestPackages.example("sigsnoop").toString();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            EcliProcess inUse = EcliProcess.run(60, "run", sigsnoop, "--metrics", "127.0.0.1:" + taken.getLocalPort(),
                "--duration", "5");
            assertThat(inUse.exitCode()).as(inUse.errText()).isEqualTo(2);
            assertThat(inUse.errText()).contains("cannot listen there").doesNotContain("running").doesNotContain("\tat ");
        }
        EcliProcess badAddress = EcliProcess.run(60, "run", sigsnoop, "--metrics", "9464", "--duration", "5");
        assertThat(badAddress.exitCode()).isEqualTo(2);
        assertThat(badAddress.err().get(0)).isEqualTo("ecli: --metrics 9464: expected [HOST]:PORT, for example "
            + "127.0.0.1:9464 or :9464");
        EcliProcess noField = EcliProcess.run(60, "run", sigsnoop, "--metrics", "127.0.0.1:0", "--metrics-label",
            "signal", "--duration", "5");
        assertThat(noField.exitCode()).isEqualTo(2);
        assertThat(noField.errText()).contains("--metrics-label signal: no event field of that name; the events have "
            + "pid, tpid, sig, ret, comm").doesNotContain("running");
    }

    /** A wasm module's buffers, counted as the runtime hands their records to the module. */
    @Test
    void aWasmModulesEventsAreCountedPerMap() throws Exception {
        int port = freePort();
        try (EcliProcess ecli = EcliProcess.start("run", TestPackages.wasmExample("proclife").toString(), "--metrics",
            "127.0.0.1:" + port, "--duration", "30")) {
            ecli.awaitOutput("LIFETIME_MS", 30);
            for (int i = 0; i < 3; i++) {
                sh("/bin/true");
            }
            String text = "";
            for (int i = 0; i < 100; i++) {
                text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ebpm_\\w+_events_total (\\S+)$")
                    .matcher(text);
                if (m.find() && Double.parseDouble(m.group(1)) >= 6) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(text).as("execs and exits of three processes").containsPattern(
                "(?m)^ebpm_\\w+_events_total ([6-9]|[1-9][0-9]+)\\.0$");
            dev.ebpm.ecli.metrics.ExpositionParser.parsesStrictly(text, "prometheus");
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).as(ecli.errText()).isZero();
        }
        EcliProcess labelled = EcliProcess.run(60, "run", TestPackages.wasmExample("proclife").toString(), "--metrics",
            "127.0.0.1:0", "--metrics-label", "pid", "--duration", "5");
        assertThat(labelled.exitCode()).isEqualTo(2);
        assertThat(labelled.err().get(0)).contains("--metrics-label needs the package's event types");
    }
}
