package dev.ebpm.ecli.loader;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.loader.attach.AttachPlan;
import dev.ebpm.ecli.loader.attach.AutoAttach;
import dev.ebpm.ecli.loader.attach.PerfEventAttach;
import dev.ebpm.ecli.loader.attach.RawTracepointAttach;
import dev.ebpm.ecli.loader.attach.TcAttach;
import dev.ebpm.ecli.loader.attach.TracepointAttach;
import dev.ebpm.ecli.loader.attach.UprobeAttach;
import dev.ebpm.ecli.loader.attach.XdpAttach;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.meta.PerfEventOptions;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.TcHook;
import dev.ebpm.format.meta.TcOpts;
import dev.ebpm.format.meta.XdpOptions;
import dev.ebpm.format.object.SectionKind;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides how each program attaches. A package's {@code progs[].attach} may differ from the object's
 * section to move a program to another target of the same kind (another tracepoint, function or binary);
 * a different kind is an error naming the field. tc and xdp programs use the interface from the command
 * line when one is given, else their annotations; uprobes use {@code --uprobe-binary} when given.
 */
public final class AttachPlanner {
    private AttachPlanner() {
    }

    /** The target a fentry/fexit/lsm/tp_btf program must be given before load, or null to keep its own. */
    public static String loadTimeTarget(ProgMeta prog, String elfSection) {
        SectionKind kind = checkedKind(prog, elfSection);
        if (kind.targetIsSetBeforeLoad() && !prog.attach().equals(elfSection)) {
            String target = SectionKind.target(prog.attach());
            if (target.isEmpty()) {
                throw invalid(prog, "names no function");
            }
            return target;
        }
        return null;
    }

    public static AttachPlan plan(ProgMeta prog, String elfSection, RunTargets targets) {
        SectionKind kind = checkedKind(prog, elfSection);
        String attach = prog.attach();
        boolean edited = !attach.equals(elfSection);
        String target = SectionKind.target(attach);
        try {
            return switch (kind) {
                case TRACEPOINT -> edited ? tracepoint(prog, target) : new AutoAttach(prog.name(), attach);
                case RAW_TRACEPOINT -> edited ? new RawTracepointAttach(prog.name(), nonEmpty(prog, target))
                    : new AutoAttach(prog.name(), attach);
                case UPROBE -> uprobe(prog, attach, target, targets);
                case TC -> tc(prog, targets);
                case XDP -> xdp(prog, targets);
                case PERF_EVENT -> new PerfEventAttach(prog.name(), targets.sampleFrequency() > 0
                    ? PerfEventOptions.ofFrequency(targets.sampleFrequency()) : prog.perfEvent(),
                    PerfEventAttach.onlineCpus());
                default -> new AutoAttach(prog.name(), attach);
            };
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
    }

    private static SectionKind checkedKind(ProgMeta prog, String elfSection) {
        SectionKind kind = SectionKind.of(elfSection);
        SectionKind wanted = SectionKind.of(prog.attach());
        if (wanted != kind) {
            throw invalid(prog, "is a different kind of program than its section \"" + elfSection
                + "\"; only the target can change (for example another tracepoint)");
        }
        return kind;
    }

    private static TracepointAttach tracepoint(ProgMeta prog, String target) {
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1) {
            throw invalid(prog, "names no tracepoint: expected tracepoint/CATEGORY/NAME");
        }
        return new TracepointAttach(prog.name(), target.substring(0, slash), target.substring(slash + 1));
    }

    private static String nonEmpty(ProgMeta prog, String target) {
        if (target.isEmpty()) {
            throw invalid(prog, "names no target");
        }
        return target;
    }

    /** {@code uprobe/BINARY:FUNCTION[+OFFSET]}; {@code --uprobe-binary} replaces BINARY. */
    private static UprobeAttach uprobe(ProgMeta prog, String attach, String target, RunTargets targets) {
        boolean retprobe = attach.startsWith("uretprobe");
        String binary = null;
        String function = target;
        int colon = target.lastIndexOf(':');
        if (colon >= 0) {
            binary = target.substring(0, colon);
            function = target.substring(colon + 1);
        }
        if (targets.uprobeBinary() != null) {
            binary = targets.uprobeBinary();
        }
        if (binary == null || binary.isEmpty()) {
            throw EcliException.usage("program '" + prog.name() + "' is a " + (retprobe ? "uretprobe" : "uprobe")
                + " without a binary: pass --uprobe-binary PATH");
        }
        if (function.isEmpty()) {
            throw invalid(prog, "names no function: expected " + (retprobe ? "uretprobe" : "uprobe")
                + "/BINARY:FUNCTION");
        }
        long offset = 0;
        int plus = function.indexOf('+');
        if (plus >= 0) {
            try {
                offset = Long.decode(function.substring(plus + 1));
            } catch (NumberFormatException e) {
                throw invalid(prog, "has a bad offset after '+'");
            }
            function = function.substring(0, plus);
        }
        if (!Files.exists(Path.of(binary))) {
            throw EcliException.failed("cannot attach program '" + prog.name() + "': " + binary + ": no such file");
        }
        return new UprobeAttach(prog.name(), retprobe, binary, function, offset);
    }

    private static TcAttach tc(ProgMeta prog, RunTargets targets) {
        TcHook hook = prog.tcHook();
        TcOpts opts = prog.tcOpts();
        int ifindex = targets.ifindex() != 0 ? targets.ifindex() : hook.ifindex();
        return new TcAttach(prog.name(), ifindex, interfaceName(ifindex, targets),
            TcAttach.attachPoint(hook.attachPoint()), opts.handle(), opts.priority());
    }

    private static XdpAttach xdp(ProgMeta prog, RunTargets targets) {
        XdpOptions o = prog.xdpOptions();
        int ifindex = targets.ifindex() != 0 ? targets.ifindex() : o.ifindex();
        return new XdpAttach(prog.name(), ifindex, interfaceName(ifindex, targets), (int) o.flags(), o.oldProgFd());
    }

    private static String interfaceName(int ifindex, RunTargets targets) {
        if (targets.ifindex() == ifindex && targets.interfaceName() != null) {
            return targets.interfaceName();
        }
        return "ifindex " + ifindex;
    }

    private static EcliException invalid(ProgMeta prog, String problem) {
        return EcliException.failed("bad package: progs[name=" + prog.name() + "].attach \"" + prog.attach() + "\" "
            + problem);
    }
}
