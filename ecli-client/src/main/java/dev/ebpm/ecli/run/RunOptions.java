package dev.ebpm.ecli.run;

/**
 * How to run a package, from ecli's own options: JSON output, how long to run (0: until stopped), libbpf's
 * messages on stderr, the interface for tc/xdp programs, the binary for uprobes, and whether to stop before
 * loading.
 */
public final class RunOptions {
    public boolean json;
    /** How long to run: negative until stopped, 0 to stop as soon as everything is attached. */
    public double durationSeconds = -1;
    public boolean verbose;
    public int ifindex;
    public String iface;
    public String uprobeBinary;
    /** Check everything that can be checked without loading, say what would be attached, and stop. */
    public boolean dryRun;
}
