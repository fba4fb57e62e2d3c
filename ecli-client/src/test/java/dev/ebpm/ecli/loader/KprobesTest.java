package dev.ebpm.ecli.loader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Telling "no kprobes on this kernel" from "no such function", on sysfs and tracefs trees laid out by hand. */
class KprobesTest {
    @TempDir
    Path root;

    private Kprobes kernel(boolean pmu, boolean legacy) throws IOException {
        Path sources = Files.createDirectories(root.resolve("devices"));
        Files.createDirectories(sources.resolve("uprobe"));
        if (pmu) {
            Files.createDirectories(sources.resolve("kprobe"));
        }
        Path tracefs = Files.createDirectories(root.resolve("tracing"));
        if (legacy) {
            Files.writeString(tracefs.resolve("kprobe_events"), "");
        }
        Path kallsyms = Files.writeString(root.resolve("kallsyms"), """
            ffffffff81234560 T do_unlinkat
            ffffffff81234570 t do_unlinkat_helper
            ffffffffc0001000 t nf_hook_fn\t[nf_tables]
            """);
        return new Kprobes(sources, tracefs, root.resolve("debug-tracing"), kallsyms);
    }

    @Test
    void eitherThePmuOrTheLegacyFileMeansKprobesWork() throws IOException {
        assertThat(kernel(true, false).supported()).isTrue();
        assertThat(kernel(false, true).supported()).isTrue();
    }

    @Test
    void withNeitherTheErrorSaysKprobesAreMissingNotTheFunction() throws IOException {
        Kprobes k = kernel(false, false);
        assertThat(k.supported()).isFalse();
        assertThat(k.unsupported("on_unlink", "kprobe/do_unlinkat")).isEqualTo("program 'on_unlink' "
            + "(kprobe/do_unlinkat) needs kprobes, which this kernel does not offer (no kprobe PMU in "
            + root.resolve("devices") + ", no kprobe_events in tracefs); do_unlinkat itself exists (it is in "
            + root.resolve("kallsyms") + ")");
        assertThat(k.unsupported("p", "kretprobe/no_such_fn+0x4")).endsWith("; no_such_fn is not in "
            + root.resolve("kallsyms") + " either");
    }

    @Test
    void withKprobesAMissingFunctionIsNamed() throws IOException {
        Kprobes k = kernel(true, false);
        assertThat(k.hasFunction("do_unlinkat")).isTrue();
        assertThat(k.hasFunction("do_unlink")).isFalse();
        assertThat(k.hasFunction("nf_hook_fn")).isTrue();
        assertThat(k.missing("kprobe/vfs_nothing")).isEqualTo("kernel function vfs_nothing does not exist on this "
            + "kernel (it is not in " + root.resolve("kallsyms") + ")");
        assertThat(k.missing("kprobe/do_unlinkat")).startsWith("do_unlinkat is in ").endsWith("but cannot be probed "
            + "(it may be inlined, notrace or on the kprobe blacklist)");
    }
}
