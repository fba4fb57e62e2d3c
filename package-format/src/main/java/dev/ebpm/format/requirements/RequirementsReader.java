package dev.ebpm.format.requirements;

import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.elf.ElfSection;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.ProgramInfo;
import dev.ebpm.format.object.SectionKind;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works out a {@link KernelRequirements} from a BPF object: the sections say the program types and targets,
 * the maps their types, and each program's call instructions (and those of the {@code .text} subprograms it
 * may call) the helpers.
 */
public final class RequirementsReader {
    private static final int BPF_CALL = 0x85;
    private static final int PSEUDO_HELPER = 0;
    private static final int PSEUDO_CALL = 1;

    /** A program to describe: its name in the object and the section it attaches from. */
    public record Program(String name, String attach) {
    }

    private RequirementsReader() {
    }

    public static KernelRequirements read(BpfObject object, List<Program> programs, List<MapInfo> maps) {
        ElfFile elf = object.elf();
        Map<String, ProgramInfo> infos = object.programs().stream()
            .collect(Collectors.toMap(ProgramInfo::name, Function.identity(), (a, b) -> a));
        TreeSet<String> textHelpers = elf.section(".text").map(s -> helpers(elf, s, 0, s.size() / 8, null))
            .orElse(new TreeSet<>());
        TreeSet<String> tracepoints = new TreeSet<>();
        TreeSet<String> raw = new TreeSet<>();
        TreeSet<String> functions = new TreeSet<>();
        TreeSet<String> uprobes = new TreeSet<>();
        TreeSet<String> hooks = new TreeSet<>();
        TreeSet<String> allHelpers = new TreeSet<>();
        List<ProgramNeeds> needs = new ArrayList<>();
        KernelVersion overall = KernelVersion.OLDEST;
        boolean trampolines = false;
        for (Program p : programs) {
            SectionKind kind = SectionKind.of(p.attach());
            String target = SectionKind.target(p.attach());
            switch (kind) {
                case TRACEPOINT -> tracepoints.add(target);
                case RAW_TRACEPOINT, TP_BTF -> raw.add(target);
                case TRACING, LSM, KPROBE -> functions.add(target);
                case UPROBE -> uprobes.add(target.isEmpty() ? "(binary given at run time)" : target);
                case TC, XDP -> hooks.add(kind.name().toLowerCase(Locale.ROOT));
                default -> { }
            }
            ProgramType type = ProgramType.of(kind);
            KernelVersion since = type == null ? KernelVersion.OLDEST : type.since();
            if (kind == SectionKind.TP_BTF) {
                since = since.max(KernelVersion.parse("5.5"));
            }
            TreeSet<String> helpers = new TreeSet<>();
            ProgramInfo info = infos.get(p.name());
            if (info != null) {
                boolean[] callsSubprograms = {false};
                ElfSection section = elf.section(info.sectionIndex());
                helpers.addAll(helpers(elf, section, info.offset() / 8, info.instructionCount(), callsSubprograms));
                if (callsSubprograms[0]) {
                    helpers.addAll(textHelpers);
                }
            }
            for (String h : helpers) {
                since = since.max(helperSince(h));
            }
            boolean trampoline = kind == SectionKind.TRACING || kind == SectionKind.LSM;
            trampolines |= trampoline;
            allHelpers.addAll(helpers);
            overall = overall.max(since);
            needs.add(new ProgramNeeds(p.name(), p.attach(), kind.name().toLowerCase(Locale.ROOT),
                type == null ? null : type.json(), target.isEmpty() ? null : target, List.copyOf(helpers), trampoline,
                since.toString()));
        }
        tracepoints.remove("");
        raw.remove("");
        functions.remove("");
        TreeSet<String> mapTypes = new TreeSet<>();
        for (MapInfo m : maps) {
            if (!m.internal()) {
                mapTypes.add(m.type().name().toLowerCase(Locale.ROOT));
            }
            overall = overall.max(MapTypes.since(m.type()));
        }
        boolean btf = hasCoreRelocations(elf) || programs.stream()
            .anyMatch(p -> SectionKind.of(p.attach()).targetIsSetBeforeLoad());
        return new KernelRequirements(btf, List.copyOf(mapTypes), List.copyOf(tracepoints), List.copyOf(raw),
            List.copyOf(functions), List.copyOf(uprobes), List.copyOf(hooks), List.copyOf(allHelpers),
            List.copyOf(needs), overall.toString(), null);
    }

    private static KernelVersion helperSince(String name) {
        return Helpers.byName(name).map(Helpers.Helper::since).orElse(KernelVersion.OLDEST);
    }

    /** The helpers called by {@code count} instructions from {@code first}; notes calls of subprograms. */
    private static TreeSet<String> helpers(ElfFile elf, ElfSection section, long first, long count,
                                           boolean[] callsSubprograms) {
        ByteBuffer code = elf.data(section);
        TreeSet<String> out = new TreeSet<>();
        long end = Math.min(first + count, code.limit() / 8);
        for (long i = Math.max(0, first); i < end; i++) {
            int at = (int) (i * 8);
            if ((code.get(at) & 0xff) != BPF_CALL) {
                continue;
            }
            int src = (code.get(at + 1) >> 4) & 0xf;
            int imm = code.getInt(at + 4);
            if (src == PSEUDO_HELPER) {
                out.add(Helpers.byId(imm).map(Helpers.Helper::name).orElse("#" + imm));
            } else if (src == PSEUDO_CALL && callsSubprograms != null) {
                callsSubprograms[0] = true;
            }
        }
        return out;
    }

    /** True when the object's .BTF.ext has CO-RE relocations, which libbpf resolves against the kernel's BTF. */
    public static boolean hasCoreRelocations(ElfFile elf) {
        ElfSection ext = elf.section(".BTF.ext").orElse(null);
        if (ext == null) {
            return false;
        }
        ByteBuffer b = elf.data(ext);
        if (b.remaining() < 32 || b.getInt(4) < 32) {
            return false;
        }
        return b.getInt(28) > 0;
    }
}
