package dev.ebpm.ecli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.check.KernelProbes;
import dev.ebpm.ecli.check.RequirementsCheck;
import dev.ebpm.ecli.events.EventSource;
import dev.ebpm.ecli.events.MapSampler;
import dev.ebpm.ecli.events.PerfBufferSource;
import dev.ebpm.ecli.events.RingBufferSource;
import dev.ebpm.ecli.events.RunControl;
import dev.ebpm.ecli.libbpf.LibbpfLog;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.ecli.loader.AttachPlanner;
import dev.ebpm.ecli.loader.LoadedObject;
import dev.ebpm.ecli.loader.MapData;
import dev.ebpm.ecli.loader.OpenObject;
import dev.ebpm.ecli.loader.Preflight;
import dev.ebpm.ecli.loader.RunTargets;
import dev.ebpm.ecli.loader.Variables;
import dev.ebpm.ecli.loader.attach.AttachPlan;
import dev.ebpm.ecli.metrics.MetricsOptions;
import dev.ebpm.ecli.metrics.RunMetrics;
import dev.ebpm.ecli.metrics.SampledMap;
import dev.ebpm.ecli.options.OutputFormat;
import dev.ebpm.ecli.options.RunOptions;
import dev.ebpm.ecli.output.EventCounter;
import dev.ebpm.ecli.output.EventLayout;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.output.JsonEvents;
import dev.ebpm.ecli.output.Output;
import dev.ebpm.ecli.output.SamplePrinter;
import dev.ebpm.ecli.output.SampleSink;
import dev.ebpm.ecli.stacks.StackPrinter;
import dev.ebpm.ecli.output.TableEvents;
import dev.ebpm.ecli.resolve.LoadedPackage;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.MapMetric;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapType;
import dev.ebpm.format.object.SectionKind;
import dev.ebpm.format.requirements.KernelRequirements;
import dev.ebpm.format.requirements.RequirementsReader;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code ecli run}: check the kernel, open the object, set its variables, load, fill maps, create the
 * event readers, attach, then print until Ctrl-C, SIGTERM, {@code --duration} or an error. Every way out
 * goes through the same end: stop the readers, detach every program in reverse order and close the object,
 * so nothing stays loaded.
 */
public final class ProgramRun {
    private static final long JOIN_MILLIS = 3000;

    private final LoadedPackage pkg;
    private final BpfObject object;
    private final Map<String, JsonNode> flags;
    private final RunOptions options;
    private final PrintStream err;
    private final Output output;
    private final MetricsOptions metricsOptions;

    /**
     * {@code object} is the package's ELF already parsed (the flags were generated from it); {@code metrics}
     * null unless {@code --metrics} was given.
     */
    public ProgramRun(LoadedPackage pkg, BpfObject object, Map<String, JsonNode> flags, RunOptions options,
                      MetricsOptions metrics, OutputStream out, PrintStream err) {
        this.pkg = pkg;
        this.object = object;
        this.flags = flags;
        this.options = options;
        this.metricsOptions = metrics;
        this.err = err;
        this.output = new Output(out);
    }

    public int run() {
        ObjectMeta meta = RunEdits.apply(pkg.meta(), object, options);
        ExportPlan exports = ExportPlan.of(meta, object);
        RunTargets targets = targets();
        List<ProgMeta> progs = RunEdits.loaded(meta);
        Set<String> disabled = RunEdits.disabled(meta);
        boolean network = progs.stream().map(p -> SectionKind.of(p.attach()))
            .anyMatch(k -> k == SectionKind.TC || k == SectionKind.XDP);
        if (options.sampleFrequency() > 0 && progs.stream().noneMatch(p -> SectionKind.of(p.attach())
            == SectionKind.PERF_EVENT)) {
            err.println("ecli: warning: --sample-freq applies to perf_event programs; " + pkg.displayName()
                + " has none");
        }
        Preflight.Result preflight = options.dryRun() ? Preflight.Result.NONE
            : Preflight.check(progs, object.elf(), pkg.btfs(), network);
        if (preflight.note() != null) {
            err.println("ecli: " + preflight.note());
        }
        if (!options.dryRun()) {
            refuseWhatCannotRun(progs, meta.bpfSkel().objName());
        }
        LibbpfLog log = LibbpfLog.install(options.verbose() ? err : null);
        String objName = meta.bpfSkel().objName();
        if (metricsOptions != null && options.dryRun()) {
            RunMetrics.check(metricsOptions, objName, layouts(exports));
        }
        // Bound before anything is loaded: a bad label or a port in use stops the run with nothing in the kernel.
        RunMetrics metrics = metricsOptions == null || options.dryRun() ? null
            : RunMetrics.start(metricsOptions, objName, layouts(exports), sampled(exports), named(meta));
        if (metrics != null) {
            err.println("ecli: serving metrics at " + metrics.url());
        }

        RunControl control = new RunControl();
        List<Thread> pollers = new ArrayList<>();
        List<EventSource> sources = new ArrayList<>();
        LoadedObject loaded = null;
        EventCounter counter = null;
        try (OpenObject open = OpenObject.open(pkg.elf(), meta.bpfSkel().objName(), preflight.btfCustomPath(), log)) {
            Map<String, String> attachByProgram = new java.util.HashMap<>();
            List<AttachPlan> plans = prepare(open, meta, progs, disabled, targets, attachByProgram);
            Variables.write(open, meta, object, flags);
            for (String map : exports.unprinted()) {
                err.println("ecli: warning: map " + map + " sends events, but the package has no export_types to "
                    + "decode them, so they are not printed");
            }
            if (options.dryRun()) {
                err.println("ecli: dry run of " + pkg.displayName() + ": the package, its flags and its edits are "
                    + "valid; it would attach " + (progs.isEmpty() ? "no programs" : progs.size() + " program"
                    + (progs.size() == 1 ? "" : "s") + " (" + String.join(", ", progs.stream().map(ProgMeta::attach)
                    .toList()) + ")") + disabledNote(disabled) + " and print " + exports.events().size() + " event and "
                    + exports.samples().size() + " sampled map(s)");
                return 0;
            }
            loaded = open.load(attachByProgram);
            MapData.write(loaded, meta, object);
            EventPrinter shown = options.output() == OutputFormat.NONE ? EventPrinter.NONE : printer(exports);
            counter = new EventCounter(metrics == null ? shown : metrics.events(shown), options.verbose());
            EventPrinter printer = counter;
            sources.addAll(sources(exports, loaded, printer, metrics));
            if (metrics != null) {
                List<EventSource> readers = List.copyOf(sources);
                metrics.lost(() -> {
                    Map<String, Long> lost = new java.util.LinkedHashMap<>();
                    readers.stream().filter(s -> !(s instanceof MapSampler)).forEach(s -> lost.put(s.name(), s.lost()));
                    return lost;
                });
            }
            for (AttachPlan plan : plans) {
                loaded.add(plan.attach(loaded));
            }
            if (metrics != null) {
                Map<String, Integer> fds = new java.util.LinkedHashMap<>();
                for (ProgMeta p : progs) {
                    fds.put(p.name(), loaded.programFd(p.name()));
                }
                metrics.programs(fds);
            }
            control.stopOnSignals();
            err.println("ecli: running " + pkg.displayName() + ": " + describe(loaded, meta, disabled) + "; Ctrl-C to stop");
            if (exports.isEmpty() && exports.unprinted().isEmpty()) {
                err.println("ecli: " + pkg.displayName() + " has no event or sampled map, so ecli prints nothing; "
                    + "bpf_printk output goes to /sys/kernel/tracing/trace_pipe");
            }
            printer.start();
            for (EventSource s : sources) {
                Thread t = new Thread(() -> {
                    try {
                        s.run(control);
                    } catch (RuntimeException e) {
                        control.fail(e);
                    }
                }, "poll-" + s.name());
                t.setDaemon(true);
                pollers.add(t);
                t.start();
            }
            if (options.durationSeconds() == 0) {
                control.stop();
            } else {
                control.awaitDuration(options.durationSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            control.stop();
            join(pollers);
            if (pollers.isEmpty()) {
                sources.forEach(EventSource::free);
            }
            if (loaded != null) {
                loaded.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            preflight.close();
            output.flush();
        }
        if (options.verbose() && counter != null && !exports.events().isEmpty()) {
            err.printf("ecli: printed %d events in %.6f s (first to last)%n", counter.count(), counter.span());
        }
        for (EventSource s : sources) {
            if (s.lost() > 0) {
                err.println("ecli: " + s.lost() + " events of " + s.name() + " were lost (the reader fell behind)");
            }
        }
        if (control.error() != null) {
            throw control.error();
        }
        return 0;
    }

    /**
     * Readies the opened object as the package says: every listed program must be in it; programs left out
     * are not loaded, maps resized, load-time targets set. Returns one attach plan per program that loads.
     */
    private List<AttachPlan> prepare(OpenObject open, ObjectMeta meta, List<ProgMeta> progs, Set<String> disabled,
                                     RunTargets targets, Map<String, String> attachByProgram) {
        Map<String, String> elfSections = new java.util.HashMap<>();
        object.programs().forEach(p -> elfSections.put(p.name(), p.section()));
        for (ProgMeta p : meta.bpfSkel().progs()) {
            if (!elfSections.containsKey(p.name())) {
                throw EcliException.failed("bad package: progs lists " + p.name() + ", which the object does not have");
            }
        }
        disabled.forEach(open::disable);
        for (MapMeta m : meta.bpfSkel().maps()) {
            if (m.maxEntries() != null) {
                open.setMaxEntries(m.name(), m.maxEntries());
            }
        }
        List<AttachPlan> plans = new ArrayList<>();
        for (ProgMeta p : progs) {
            String section = elfSections.get(p.name());
            attachByProgram.put(p.name(), p.attach());
            String target = AttachPlanner.loadTimeTarget(p, section);
            if (target != null) {
                open.setAttachTarget(p.name(), target, SectionKind.of(section));
            }
            plans.add(AttachPlanner.plan(p, section, targets));
        }
        return plans;
    }

    private RunTargets targets() {
        int ifindex = options.ifindex();
        if (options.iface() != null) {
            ifindex = NativeLibc.if_nametoindex(options.iface());
            if (ifindex == 0) {
                throw EcliException.usage("--iface " + options.iface() + ": no such network interface");
            }
        }
        return new RunTargets(ifindex, options.iface(), options.uprobeBinary(), options.sampleFrequency());
    }

    /** The maps whose {@code @metric} annotation names their metric; a malformed one is a bad package. */
    private static Map<String, MapMetric> named(ObjectMeta meta) {
        Map<String, MapMetric> out = new java.util.HashMap<>();
        for (MapMeta m : meta.bpfSkel().maps()) {
            try {
                MapMetric.of(m).ifPresent(metric -> out.put(m.name(), metric));
            } catch (dev.ebpm.format.PackageFormatException e) {
                throw EcliException.failed("bad package: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * What Preflight does not cover: trampolines, BTF targets, and on a kernel older than the package needs,
     * program types, map types and helpers (libbpf's probes); the same check as {@code ecli check}.
     */
    private void refuseWhatCannotRun(List<ProgMeta> progs, String objName) {
        KernelRequirements needs = RequirementsReader.read(object, progs.stream()
            .map(p -> new RequirementsReader.Program(p.name(), p.attach())).toList(), object.maps(objName))
            .withArch(pkg.arch());
        String problem = RequirementsCheck.check(needs, pkg.btfs(), KernelProbes.here(), false).firstProblem();
        if (problem != null) {
            throw EcliException.failed(problem);
        }
    }

    private static List<EventLayout> layouts(ExportPlan exports) {
        return exports.events().stream().map(ExportPlan.EventMap::layout).toList();
    }

    private static List<SampledMap> sampled(ExportPlan exports) {
        return exports.samples().stream().map(s -> new SampledMap(s.map().name(), s.meta().sample(), s.key(),
            s.keyName(), s.value(), s.valueName())).toList();
    }

    private EventPrinter printer(ExportPlan exports) {
        List<EventLayout> layouts = layouts(exports);
        return options.json() ? new JsonEvents(output, layouts, severalMaps(exports))
            : new TableEvents(output, layouts, severalMaps(exports));
    }

    /** Whether more than one map prints, so each row must say which map it came from. */
    private static boolean severalMaps(ExportPlan exports) {
        return exports.events().size() + exports.samples().size() > 1;
    }

    private List<EventSource> sources(ExportPlan exports, LoadedObject loaded, EventPrinter printer,
                                      RunMetrics metrics) {
        List<EventSource> out = new ArrayList<>();
        for (ExportPlan.EventMap e : exports.events()) {
            int fd = loaded.mapFd(e.map().name());
            out.add(e.map().type() == MapType.RINGBUF
                ? new RingBufferSource(e.map().name(), fd, loaded.mapMaxEntries(e.map().name()), printer, output)
                : new PerfBufferSource(e.map().name(), fd, printer, output));
        }
        for (ExportPlan.SampleMap s : exports.samples()) {
            SampleSink sp = options.output() == OutputFormat.NONE ? SampleSink.NONE
                : s.stacks() != null ? new StackPrinter(output, s.map().name(), s.stacks(),
                    loaded.mapFd(s.stacks().stackMap().name()), options.json())
                : new SamplePrinter(output, s.map().name(), s.meta().sample(), s.key(), s.keyName(), s.value(),
                    s.valueName(), options.json(), severalMaps(exports));
            if (metrics != null) {
                sp = metrics.samples(s.map().name(), sp);
            }
            out.add(new MapSampler(s.map().name(), loaded.mapFd(s.map().name()), (int) s.map().keySize(),
                (int) s.map().valueSize(), s.map().type().isPerCpu(), s.meta().sample(), sp));
        }
        return out;
    }

    private static String describe(LoadedObject loaded, ObjectMeta meta, Set<String> disabled) {
        List<String> where = loaded.attachments().stream().map(a -> a.describe()).toList();
        if (where.isEmpty()) {
            return meta.bpfSkel().progs().isEmpty() ? "the package has no programs, so nothing is attached"
                : "no programs attached" + disabledNote(disabled);
        }
        return (where.size() <= 3 ? "attached to " + String.join(", ", where) : where.size() + " programs attached")
            + disabledNote(disabled);
    }

    private static String disabledNote(Set<String> disabled) {
        return disabled.isEmpty() ? "" : " (disabled: " + String.join(", ", disabled.stream().sorted().toList()) + ")";
    }

    private static void join(List<Thread> threads) {
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
