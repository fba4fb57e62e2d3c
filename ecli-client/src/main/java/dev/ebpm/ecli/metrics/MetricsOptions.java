package dev.ebpm.ecli.metrics;

import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;
import dev.ebpm.format.options.UsageException;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run serves its metrics and how events are labelled.
 *
 * @param host       the address to listen on; empty: every interface
 * @param port       0: any free port (ecli says which)
 * @param labels     event fields whose values label the event counters
 * @param maxSeries  label combinations kept per counter or sampled map; the rest count in an overflow series
 * @param bpfStats   turn the kernel's run-time statistics on for the run (they cost every BPF program on the
 *                   machine two clock reads per run, so they are off unless asked for or already on)
 */
public record MetricsOptions(String host, int port, List<String> labels, int maxSeries, boolean bpfStats) {
    public static final String METRICS = "--metrics";
    public static final String LABEL = "--metrics-label";
    public static final int DEFAULT_MAX_SERIES = 1000;

    public MetricsOptions {
        labels = List.copyOf(labels);
    }

    public static final OptionTable<Builder> TABLE = OptionTable.of(
        Option.value(METRICS, "[HOST]:PORT", "Serve Prometheus metrics at http://HOST:PORT/metrics while the tool "
            + "runs: events per export map, @sample histograms and values, ecli's own counters. :PORT listens on "
            + "every interface; port 0 picks a free one.", (b, v) -> b.address = v),
        Option.value(LABEL, "FIELD", "Label the event counters with this event field's value "
            + "(repeatable; integers, enums and strings).", (b, v) -> b.labels.add(v)),
        Option.value("--metrics-max-series", "N", "Keep at most N label combinations per metric (default "
            + DEFAULT_MAX_SERIES + "); events beyond count in a series whose labels are all " + EventMetrics.OVERFLOW
            + ".", (b, v) -> b.maxSeries = OptionValues.positiveInt("--metrics-max-series", v, "a number of series")),
        Option.flag("--metrics-bpf-stats", "Also report each program's run time and run count, turning the "
            + "kernel's BPF statistics on while the tool runs (they slow every BPF program a little; without this "
            + "flag they are reported only when kernel.bpf_stats_enabled is already 1).", b -> b.bpfStats = true));

    /** What the metrics options on a command line set. */
    public static final class Builder {
        private String address;
        private final List<String> labels = new ArrayList<>();
        private int maxSeries = DEFAULT_MAX_SERIES;
        private boolean bpfStats;

        /** The options, or null when {@code --metrics} was not given (then the other two must not be). */
        public MetricsOptions build() {
            if (address == null) {
                if (!labels.isEmpty() || maxSeries != DEFAULT_MAX_SERIES || bpfStats) {
                    throw new UsageException("--metrics-label, --metrics-max-series and --metrics-bpf-stats need "
                        + "--metrics [HOST]:PORT");
                }
                return null;
            }
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw new UsageException(METRICS + " " + address + ": expected [HOST]:PORT, for example "
                    + "127.0.0.1:9464 or :9464");
            }
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String port = address.substring(colon + 1);
            int n;
            try {
                n = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || n > 65535 || !port.matches("\\d{1,5}")) {
                throw new UsageException(METRICS + " " + address + ": the port must be a number from 0 to 65535");
            }
            if (!host.isEmpty() && !host.matches("[A-Za-z0-9.:%_-]{1,253}")) {
                throw new UsageException(METRICS + " " + address + ": not a host name or address");
            }
            return new MetricsOptions(host, n, labels, maxSeries, bpfStats);
        }
    }
}
