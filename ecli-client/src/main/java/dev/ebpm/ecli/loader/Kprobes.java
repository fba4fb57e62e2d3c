package dev.ebpm.ecli.loader;

import dev.ebpm.format.object.SectionKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this kernel can attach kprobes, and whether a function is there to probe: the two reasons a
 * kprobe program fails that libbpf reports with the same ENOENT. libbpf uses the kprobe PMU
 * ({@code /sys/bus/event_source/devices/kprobe}) and falls back to tracefs's {@code kprobe_events}; a
 * kernel with neither has no kprobes at all, whatever {@code /proc/kallsyms} lists.
 */
public record Kprobes(Path eventSources, Path tracefs, Path debugfsTracing, Path kallsyms) {
    public static final Kprobes HERE = new Kprobes(Path.of("/sys/bus/event_source/devices"), Preflight.TRACEFS,
        Preflight.DEBUGFS_TRACING, Path.of("/proc/kallsyms"));

    /** Whether a program of {@code section} attaches through a kprobe (multi-kprobes use fprobes instead). */
    public static boolean attachesThroughKprobes(String section) {
        return SectionKind.of(section) == SectionKind.KPROBE && !section.contains(".multi");
    }

    public boolean supported() {
        return Files.exists(eventSources.resolve("kprobe")) || Files.exists(tracefs.resolve("kprobe_events"))
            || Files.exists(debugfsTracing.resolve("kprobe_events"));
    }

    /** Whether {@code /proc/kallsyms} names {@code function} (a module's symbol counts). */
    public boolean hasFunction(String function) {
        try (BufferedReader r = Files.newBufferedReader(kallsyms, StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                // "ffffffff81234560 T do_unlinkat" or "... t name\t[module]"
                int end = line.indexOf('\t');
                int start = line.indexOf(' ', line.indexOf(' ') + 1) + 1;
                if (start > 0 && line.regionMatches(start, function, 0, function.length())
                    && (end < 0 ? line.length() : end) == start + function.length()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The function a kprobe section names ({@code kprobe/do_unlinkat+0x10} probes do_unlinkat), or null. */
    static String function(String section) {
        String target = SectionKind.target(section);
        int plus = target.indexOf('+');
        String fn = plus < 0 ? target : target.substring(0, plus);
        return fn.isEmpty() || section.startsWith("ksyscall") || section.startsWith("kretsyscall")
            || !attachesThroughKprobes(section) ? null : fn;
    }

    /** Why program {@code program} ({@code section}) cannot run on a kernel without kprobes, in one line. */
    public String unsupported(String program, String section) {
        String fn = function(section);
        String symbol = fn == null ? "" : hasFunction(fn) ? "; " + fn + " itself exists (it is in " + kallsyms + ")"
            : "; " + fn + " is not in " + kallsyms + " either";
        return "program '" + program + "' (" + section + ") needs kprobes, which this kernel does not offer (no kprobe "
            + "PMU in " + eventSources + ", no kprobe_events in tracefs)" + symbol;
    }

    /** Why a kprobe on a kernel with kprobes found nothing to attach to (libbpf's ENOENT), for {@code section}. */
    public String missing(String section) {
        String fn = function(section);
        if (fn == null) {
            return "it does not exist on this kernel";
        }
        return hasFunction(fn) ? fn + " is in " + kallsyms + " but cannot be probed (it may be inlined, notrace or "
            + "on the kprobe blacklist)" : "kernel function " + fn + " does not exist on this kernel (it is not in "
            + kallsyms + ")";
    }
}
