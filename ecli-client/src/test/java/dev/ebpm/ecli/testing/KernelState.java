package dev.ebpm.ecli.testing;

import dev.ebpm.format.testing.Commands;

import java.util.List;

/**
 * What is loaded in the kernel: BPF programs, BPF links and tc filters on lo, counted with bpftool and tc,
 * so a test can check that a run left nothing behind.
 */
public record KernelState(long programs, long links, long tcFilters) {
    public static KernelState now() {
        return new KernelState(count(List.of("bpftool", "prog", "show")), count(List.of("bpftool", "link", "show")),
            Commands.run(List.of("tc", "filter", "show", "dev", "lo", "ingress")).lines()
                .filter(l -> l.contains("bpf")).count());
    }

    private static long count(List<String> command) {
        return Commands.run(command).lines().filter(l -> l.matches("^\\d+: .*")).count();
    }

    /**
     * The state now, once it equals {@code before} or after 3 s: the kernel frees a detached program after
     * an RCU grace period, so a clean run may need a moment to look clean.
     */
    public static KernelState settled(KernelState before) throws InterruptedException {
        KernelState after = now();
        for (int i = 0; i < 30 && !after.equals(before); i++) {
            Thread.sleep(100);
            after = now();
        }
        return after;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Fails a kernel test run without root, loudly: a run that skipped every load would look green with
     * nothing tested. Those who cannot be root leave these tests out with {@code -DexcludedGroups=kernel}.
     */
    public static void requireRoot() {
        if (!isRoot()) {
            throw new AssertionError("this test loads eBPF programs into the kernel and needs root: run the tests "
                + "as root (scripts/test.sh), or leave the kernel tests out with -DexcludedGroups=kernel");
        }
    }
}
