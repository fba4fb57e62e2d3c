package dev.ebpm.ecli.metrics;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference Python client's parsers (Debian's python3-prometheus-client, so Debian's python3), which refuse
 * what Prometheus would: the Prometheus text format 0.0.4 and, stricter, OpenMetrics 1.0.
 */
public final class ExpositionParser {
    private ExpositionParser() {
    }

    /** Parses with prometheus_client's parser for {@code format}; fails the test with its complaint. */
    public static void parsesStrictly(String text, String format) throws Exception {
        String parser = format.equals("openmetrics") ? "prometheus_client.openmetrics.parser" : "prometheus_client.parser";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys\nfrom " + parser + " import "
            + "text_string_to_metric_families as parse\nn = sum(len(f.samples) for f in parse(sys.stdin.read()))\n"
            + "print(n)").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(format + " parser on:\n" + text + "\n" + out).isZero();
    }

}
