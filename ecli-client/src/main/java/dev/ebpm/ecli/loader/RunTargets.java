package dev.ebpm.ecli.loader;

/**
 * Where a run attaches what the package does not pin down, from the command line: an interface for tc
 * and xdp programs ({@code ifindex} 0 means "as the package says") and a binary for uprobes (null: as the
 * package says), and how often perf_event programs sample ({@code sampleFrequency} 0: as the package says).
 */
public record RunTargets(int ifindex, String interfaceName, String uprobeBinary, long sampleFrequency) {
}
