package dev.ebpm.ecli.check;

import dev.ebpm.ecli.loader.Preflight;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.object.MapType;
import dev.ebpm.format.object.SectionKind;
import dev.ebpm.format.requirements.Helpers;
import dev.ebpm.format.requirements.KernelRequirements;
import dev.ebpm.format.requirements.KernelVersion;
import dev.ebpm.format.requirements.ProgramNeeds;
import dev.ebpm.format.requirements.ProgramType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a package's {@link KernelRequirements} with this kernel. A full check probes every program type,
 * map type and helper; the one before a run probes them only when the kernel is older than the package's
 * lowest mainline release (newer kernels have them, and each probe loads a program), and always checks
 * what newer kernels can still lack: tracepoints, BTF targets, trampolines, BTF, privileges (a kprobe's
 * missing function is looked up in /proc/kallsyms by a full check only: it is slow to read, and libbpf names
 * the function when the load fails).
 */
public final class RequirementsCheck {
    private RequirementsCheck() {
    }

    /** {@code packed}: the BTF the package carries for kernels without their own ({@code ecc --btfgen}). */
    public static CheckReport check(KernelRequirements r, KernelBtfArchive packed, KernelProbes k, boolean full) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String release = k.release();
        KernelVersion here = parse(release);
        KernelVersion needed = r.minKernel() == null ? null : parse(r.minKernel());
        boolean probeFeatures = full || needed == null || here == null || !here.atLeast(needed);
        if (needed != null && here != null && !here.atLeast(needed)) {
            notes.add("this kernel (" + release + ") is older than " + needed + ", the first mainline release with "
                + "all the package uses; the probes below decide");
        }
        if (r.arch() != null && !r.arch().equals(Architectures.running())) {
            problems.add("the package was built for " + r.arch() + " (ecc --target-arch); this machine is "
                + Architectures.running());
        }
        String privileges = k.privilegeProblem(!r.hooks().isEmpty());
        if (privileges != null) {
            problems.add(privileges);
        }
        if (r.btf() && !k.btf()) {
            String missing = Preflight.missingBtf(packed);
            if (missing != null) {
                problems.add(missing);
            } else if (!packed.isEmpty()) {
                notes.add("this kernel has no BTF of its own; the package carries BTF for it");
            }
        }
        if (!k.privileged() && !r.tracepoints().isEmpty() && k.tracepoints() == null) {
            notes.add("tracepoints were not checked: tracefs is for root");
        }
        if (probeFeatures) {
            if (!k.privileged()) {
                notes.add("program types, map types, helpers and trampolines were not probed: that needs root");
            }
            for (String m : r.mapTypes()) {
                MapType type = mapType(m);
                if (type != null && Boolean.FALSE.equals(k.mapType(type))) {
                    problems.add("this kernel does not create " + m + " maps");
                }
            }
        }
        List<CheckReport.Program> programs = new ArrayList<>();
        for (ProgramNeeds p : r.programs()) {
            programs.add(new CheckReport.Program(p.name(), p.section(), programProblems(p, k, probeFeatures)));
        }
        return new CheckReport(release, r.minKernel(), List.copyOf(problems), List.copyOf(programs),
            List.copyOf(notes));
    }

    private static List<String> programProblems(ProgramNeeds p, KernelProbes k, boolean probeFeatures) {
        List<String> out = new ArrayList<>();
        SectionKind kind = SectionKind.of(p.section());
        ProgramType type = p.programType() == null ? null : ProgramType.fromJson(p.programType());
        // libbpf probes tracing and lsm programs as fentry ones, which need trampolines: a kernel that refuses
        // them would look as if it had no tp_btf either, so those two types are checked by their targets.
        boolean probeable = probeFeatures && type != null && type != ProgramType.TRACING && type != ProgramType.LSM;
        if (probeable && Boolean.FALSE.equals(k.programType(type))) {
            out.add("this kernel does not load " + type.json() + " programs");
            return out;
        }
        String target = p.target() == null ? "" : p.target();
        switch (kind) {
            case TRACEPOINT -> {
                Path events = k.tracepoints();
                if (events == null && k.privileged()) {
                    out.add("tracefs is not mounted, and tracepoints need it: as root, run mount -t tracefs tracefs "
                        + "/sys/kernel/tracing");
                } else if (events != null && !Files.isDirectory(events.resolve(target))) {
                    out.add("tracepoint " + target + " does not exist on this kernel");
                }
            }
            case TP_BTF -> {
                if (!target.isEmpty() && Boolean.FALSE.equals(k.btfTracepoint(target))) {
                    out.add("tracepoint " + target + " does not exist on this kernel");
                }
            }
            case KPROBE -> {
                if (!p.section().contains(".multi") && !k.kprobes()) {
                    out.add("this kernel has no kprobes (no kprobe PMU and no kprobe_events in tracefs)");
                } else if (probeFeatures && !target.isEmpty() && !target.contains("*")
                    && Boolean.FALSE.equals(k.function(target))) {
                    out.add("kernel function " + target + " does not exist on this kernel");
                }
            }
            case TRACING, LSM -> {
                if (!target.isEmpty() && kind == SectionKind.TRACING && Boolean.FALSE.equals(k.btfFunction(target))) {
                    out.add("kernel function " + target + " does not exist on this kernel");
                } else if (!target.isEmpty() && kind == SectionKind.LSM && Boolean.FALSE.equals(k.lsmHook(target))) {
                    out.add("LSM hook " + target + " does not exist on this kernel");
                } else if (Boolean.FALSE.equals(k.trampolines())) {
                    out.add("this kernel does not let fentry, fexit and lsm programs attach: they need BPF "
                        + "trampolines, refused here with EPERM even as root");
                }
            }
            case UPROBE -> {
                int colon = target.lastIndexOf(':');
                String binary = colon < 0 ? target : target.substring(0, colon);
                if (binary.startsWith("/") && !Files.exists(Path.of(binary))) {
                    out.add(binary + " does not exist here");
                }
            }
            default -> { }
        }
        if (probeable && out.isEmpty()) {
            for (String h : p.helpers()) {
                Helpers.byName(h).ifPresent(helper -> {
                    if (Boolean.FALSE.equals(k.helper(type, helper.id()))) {
                        out.add("helper bpf_" + h + " is not available to " + type.json() + " programs on this kernel");
                    }
                });
            }
        }
        return out;
    }

    private static MapType mapType(String name) {
        try {
            return MapType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static KernelVersion parse(String release) {
        try {
            return KernelVersion.parse(release);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
