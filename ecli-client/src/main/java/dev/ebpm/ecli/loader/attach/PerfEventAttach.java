package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.ecli.libbpf.PerfEvents;
import dev.ebpm.ecli.loader.LoadedObject;
import dev.ebpm.format.meta.PerfEventOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A perf_event program on the software cpu-clock event of every online CPU, sampling every process: what a
 * CPU profiler needs. One perf event and one link per CPU; if any CPU fails, the ones already attached are
 * detached before the error, and closing detaches them all.
 */
public record PerfEventAttach(String program, PerfEventOptions sampling, List<Integer> cpus) implements AttachPlan {
    public PerfEventAttach {
        cpus = List.copyOf(cpus);
    }

    @Override
    public Attachment attach(LoadedObject object) {
        String where = "perf_event cpu-clock at " + sampling.describe() + " on " + cpus.size() + " CPU"
            + (cpus.size() == 1 ? "" : "s");
        List<Attachment> links = new ArrayList<>();
        try {
            for (int cpu : cpus) {
                int pfd = PerfEvents.openCpuClock(cpu, sampling.frequency(), sampling.period());
                if (pfd < 0) {
                    throw EcliException.failed("cannot attach program '" + program + "': perf_event_open on CPU " + cpu
                        + " failed: " + Libbpf.describe(-pfd) + " (errno " + -pfd + ")" + hint(-pfd));
                }
                object.log().clear();
                Pointer link = NativeLibbpf.bpf_program__attach_perf_event(object.program(program), pfd);
                if (link == null) {
                    int errno = com.sun.jna.Native.getLastError();
                    NativeLibc.close(pfd);
                    throw Attachers.attachFailed(object, program, where + " (CPU " + cpu + ")", errno);
                }
                links.add(new LinkAttachment("perf_event on CPU " + cpu, link));
            }
        } catch (RuntimeException e) {
            links.forEach(Attachment::close);
            throw e;
        }
        return new Group(where, links);
    }

    private static String hint(int errno) {
        return errno == 1 || errno == 13 ? "; sampling every process needs root or CAP_PERFMON" : errno == 22
            ? "; the frequency may be above kernel.perf_event_max_sample_rate" : "";
    }

    /** The online CPUs, from {@code /sys/devices/system/cpu/online} ({@code 0-3,6}). */
    public static List<Integer> onlineCpus() {
        try {
            return cpuList(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim());
        } catch (IOException e) {
            throw EcliException.failed("cannot read the online CPUs: " + e.getMessage());
        }
    }

    static List<Integer> cpuList(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part.trim() : part.substring(0, dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
            for (int c = from; c <= to && out.size() < 65536; c++) {
                out.add(c);
            }
        }
        return out;
    }

    /** The per-CPU links as one attachment. */
    private record Group(String describe, List<Attachment> links) implements Attachment {
        @Override
        public void close() {
            links.forEach(Attachment::close);
        }

        @Override
        public boolean detachesIndependently() {
            return true;
        }
    }
}
