package dev.ebpm.ecli.options;

import dev.ebpm.format.meta.PerfEventOptions;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;
import dev.ebpm.format.options.UsageException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How to run a package: what to print (table, JSON or nothing), how long to run, libbpf's messages, the interface for tc/xdp
 * programs, the binary for uprobes, the programs left out and the maps resized (what a tool's own user
 * space would do before loading), and whether to stop before loading. {@link #TABLE} declares the options
 * that set them; adding a run option means adding it there and here, nowhere else.
 *
 * @param durationSeconds negative: until stopped; 0: stop as soon as everything is attached
 * @param ifindex 0 unless {@code --ifindex} was given
 * @param sampleFrequency 0 unless {@code --sample-freq} was given: perf_event programs sample as the package says
 * @param disabled programs not to load, as {@code progs[].autoload: false} does
 * @param maxEntries map sizes, as {@code maps[].max_entries} sets them; these win over the package's
 */
public record RunOptions(OutputFormat output, double durationSeconds, boolean verbose, int ifindex, String iface,
                         String uprobeBinary, long sampleFrequency, Set<String> disabled, Map<String, Long> maxEntries,
                         boolean dryRun) {
    public RunOptions {
        disabled = Set.copyOf(disabled);
        maxEntries = Map.copyOf(maxEntries);
    }

    public boolean json() {
        return output == OutputFormat.JSON;
    }

    public static final OptionTable<Builder> TABLE = OptionTable.of(
        Option.value("--duration", "SECONDS", "Stop after this long; 0 stops as soon as everything is attached "
            + "(default: until Ctrl-C or SIGTERM).", (b, v) -> b.durationSeconds = OptionValues.seconds("--duration", v, "0: stop once attached")),
        Option.value("--iface", "NAME", "Attach tc and xdp programs to this interface.", (b, v) -> b.iface = v),
        Option.value("--ifindex", "N", "Attach tc and xdp programs to the interface with this index.",
            (b, v) -> b.ifindex = OptionValues.positiveInt("--ifindex", v, "an interface index")),
        Option.value("--uprobe-binary", "PATH", "Attach uprobes to this binary instead of the one in the package.",
            (b, v) -> b.uprobeBinary = v),
        Option.value("--sample-freq", "HZ", "Sample perf_event programs this many times a second on each CPU "
            + "(default: the program's @perfevent, else 49).", (b, v) -> b.sampleFrequency = Builder.parseSampleFrequency(v)),
        Option.value("--disable", "PROG", "Do not load or attach program PROG (repeatable), like "
            + "progs[].autoload: false in the package.", (b, v) -> b.disabled.add(v)),
        Option.value("--max-entries", "MAP=N", "Create map MAP with room for N entries (repeatable), like "
            + "maps[].max_entries in the package.", Builder::maxEntries),
        Option.value("--output", "FORMAT", "table (the default), json (like --json), or none: print no events or "
            + "samples, as an agent that only serves --metrics does.", (b, v) -> b.output = OutputFormat.parse("--output", v)),
        Option.flag("--dry-run", "Check the package, its flags and its edits, say what would be attached, and stop "
            + "before loading anything (no root needed).", b -> b.dryRun = true));

    /** What the run options on a command line set; {@link #build} adds the output and verbosity. */
    public static final class Builder {
        private double durationSeconds = -1;
        private int ifindex;
        private String iface;
        private String uprobeBinary;
        private long sampleFrequency;
        private boolean dryRun;
        private OutputFormat output;
        private final Set<String> disabled = new LinkedHashSet<>();
        private final Map<String, Long> maxEntries = new LinkedHashMap<>();

        private static long parseSampleFrequency(String value) {
            long hz = OptionValues.positive("--sample-freq", value, "a number of samples per second");
            if (hz > PerfEventOptions.MAX_FREQUENCY) {
                throw new UsageException("--sample-freq " + value + ": at most " + PerfEventOptions.MAX_FREQUENCY
                    + " a second (the kernel's default limit)");
            }
            return hz;
        }

        private void maxEntries(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--max-entries " + value + ": expected MAP=N, for example events=4096");
            }
            long n = OptionValues.positive("--max-entries", value.substring(eq + 1), "a number of entries");
            if (n > 0xffffffffL) {
                throw new UsageException("--max-entries " + value + ": a map holds at most 4294967295 entries");
            }
            maxEntries.put(value.substring(0, eq), n);
        }

        /** {@code json}: --json was given, which --output overrides. */
        public RunOptions build(boolean json, boolean verbose) {
            OutputFormat format = output != null ? output : json ? OutputFormat.JSON : OutputFormat.TABLE;
            return new RunOptions(format, durationSeconds, verbose, ifindex, iface, uprobeBinary, sampleFrequency, disabled,
                maxEntries, dryRun);
        }
    }
}
