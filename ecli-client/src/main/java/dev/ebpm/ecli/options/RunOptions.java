package dev.ebpm.ecli.options;

import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;

/**
 * How to run a package: JSON output, how long to run, libbpf's messages, the interface for tc/xdp
 * programs, the binary for uprobes, and whether to stop before loading. {@link #TABLE} declares the
 * options that set them; adding a run option means adding it there and here, nowhere else.
 *
 * @param durationSeconds negative: until stopped; 0: stop as soon as everything is attached
 * @param ifindex 0 unless {@code --ifindex} was given
 */
public record RunOptions(boolean json, double durationSeconds, boolean verbose, int ifindex, String iface,
                         String uprobeBinary, boolean dryRun) {
    public static final OptionTable<Builder> TABLE = OptionTable.of(
        Option.value("--duration", "SECONDS", "Stop after this long; 0 stops as soon as everything is attached "
            + "(default: until Ctrl-C or SIGTERM).", (b, v) -> b.durationSeconds = OptionValues.seconds("--duration", v, "0: stop once attached")),
        Option.value("--iface", "NAME", "Attach tc and xdp programs to this interface.", (b, v) -> b.iface = v),
        Option.value("--ifindex", "N", "Attach tc and xdp programs to the interface with this index.",
            (b, v) -> b.ifindex = OptionValues.positiveInt("--ifindex", v, "an interface index")),
        Option.value("--uprobe-binary", "PATH", "Attach uprobes to this binary instead of the one in the package.",
            (b, v) -> b.uprobeBinary = v),
        Option.flag("--dry-run", "Check the package, its flags and its edits, say what would be attached, and stop "
            + "before loading anything (no root needed).", b -> b.dryRun = true));

    /** What the run options on a command line set; {@link #build} adds the output and verbosity. */
    public static final class Builder {
        private double durationSeconds = -1;
        private int ifindex;
        private String iface;
        private String uprobeBinary;
        private boolean dryRun;

        public RunOptions build(boolean json, boolean verbose) {
            return new RunOptions(json, durationSeconds, verbose, ifindex, iface, uprobeBinary, dryRun);
        }
    }
}
