package dev.ebpm.format.object;

import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfException;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.elf.ElfFormatException;
import dev.ebpm.format.elf.ElfSection;
import dev.ebpm.format.elf.ElfSymbol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A BPF ELF object seen the way libbpf 1.1 sees it at open time, without the kernel: its programs, the
 * maps it will create (declared {@code .maps} first, then one internal map per data section) and its
 * finalized BTF.
 */
public final class BpfObject {
    private static final String TEXT = ".text";
    private static final String MAPS = ".maps";
    private static final String KCONFIG = ".kconfig";

    /** BTF_VAR_GLOBAL_EXTERN and BTF_FUNC_EXTERN. */
    private static final int EXTERN_LINKAGE = 2;

    private final ElfFile elf;
    private final Btf btf;

    private BpfObject(ElfFile elf, Btf btf) {
        this.elf = elf;
        this.btf = btf;
    }

    /** Parses an object; a file that is not a BPF ELF with BTF gives an {@link ObjectFormatException}. */
    public static BpfObject parse(byte[] bytes) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(bytes);
        } catch (ElfFormatException e) {
            throw new ObjectFormatException("not a BPF object: " + e.getMessage());
        }
        if (elf.machine() != ElfFile.EM_BPF) {
            throw new ObjectFormatException("not a BPF object: ELF machine is " + elf.machine() + ", expected "
                + ElfFile.EM_BPF + " (BPF); compile with clang -target bpf");
        }
        try {
            return new BpfObject(elf, Btf.fromObject(elf));
        } catch (BtfException e) {
            throw new ObjectFormatException("bad BTF in the object: " + e.getMessage());
        }
    }

    public ElfFile elf() {
        return elf;
    }

    public Btf btf() {
        return btf;
    }

    /** The programs, ordered as libbpf orders them (by section, then by offset); {@code .text} subprograms are not programs. */
    public List<ProgramInfo> programs() {
        List<ProgramInfo> all = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (s.type() != ElfSection.SHT_PROGBITS || !s.isExecutable() || s.size() == 0) {
                continue;
            }
            String section = s.name().startsWith("?") ? s.name().substring(1) : s.name();
            for (ElfSymbol sym : elf.symbols()) {
                if (!sym.isFunction() || sym.sectionIndex() != s.index()) {
                    continue;
                }
                if (sym.isLocal() && !s.name().equals(TEXT)) {
                    throw new ObjectFormatException("program '" + sym.name() + "' in section '" + section
                        + "' is static; libbpf only loads non-static programs");
                }
                all.add(new ProgramInfo(sym.name(), section, s.index(), sym.value(), sym.size() / 8));
            }
        }
        all.sort(Comparator.comparingInt(ProgramInfo::sectionIndex).thenComparingLong(ProgramInfo::offset));
        if (all.size() > 1) {
            all.removeIf(p -> p.section().equals(TEXT));
        }
        return List.copyOf(all);
    }

    /** The maps libbpf creates, in its order; internal map names depend on the object name it is opened with. */
    public List<MapInfo> maps(String objName) {
        List<MapInfo> maps = new ArrayList<>(declaredMaps());
        for (ElfSection s : elf.sections()) {
            if (isDataSection(s)) {
                maps.add(internalMap(objName, s.name(), s.size()));
            }
        }
        btf.dataSec(KCONFIG).filter(d -> !d.vars().isEmpty())
            .ifPresent(d -> maps.add(internalMap(objName, KCONFIG, d.size())));
        return List.copyOf(maps);
    }

    private static boolean isDataSection(ElfSection s) {
        String n = s.name();
        if (s.size() == 0 || s.isExecutable()) {
            return false;
        }
        if (s.type() == ElfSection.SHT_PROGBITS) {
            return n.equals(".data") || n.startsWith(".data.") || n.equals(".rodata") || n.startsWith(".rodata.");
        }
        return s.type() == ElfSection.SHT_NOBITS && (n.equals(".bss") || n.startsWith(".bss."));
    }

    private MapInfo internalMap(String objName, String section, long size) {
        String name = ObjectNames.internalMapName(objName, section);
        Optional<BtfType.DataSec> sec = btf.dataSec(section);
        boolean mmapable = sec.map(this::hasNonStaticVariable).orElse(false);
        return new MapInfo(name, ObjectNames.internalMapIdent(name), section, true, mmapable, MapType.ARRAY,
            MapType.ARRAY.ordinal(), 0, sec.map(BtfType.DataSec::id).orElse(0), 4, size, 1);
    }

    private boolean hasNonStaticVariable(BtfType.DataSec sec) {
        return sec.vars().stream().anyMatch(v -> btf.type(v.type()) instanceof BtfType.Var var && !var.isStatic());
    }

    private List<MapInfo> declaredMaps() {
        Optional<BtfType.DataSec> sec = btf.dataSec(MAPS);
        if (sec.isEmpty()) {
            return List.of();
        }
        List<MapInfo> out = new ArrayList<>();
        for (BtfType.VarSecInfo info : sec.get().vars()) {
            BtfType.Var var = btf.type(info.type(), BtfType.Var.class);
            out.add(MapDefinitions.parse(btf, var));
        }
        return out;
    }

    /** Whether a global has hidden visibility ({@code __hidden}): private to the object, not part of its skeleton. */
    public boolean isHidden(String symbol) {
        return elf.symbols().stream().anyMatch(s -> s.name().equals(symbol) && !s.isLocal()
            && s.visibility() == ElfSymbol.STV_HIDDEN);
    }

    /** The data-section variables, in offset order, of the DATASEC named {@code section}. */
    public List<BtfType.Var> variables(String section) {
        return btf.dataSec(section).map(d -> d.vars().stream()
                .map(v -> btf.type(v.type()))
                .filter(BtfType.Var.class::isInstance)
                .map(BtfType.Var.class::cast)
                .toList())
            .orElse(List.of());
    }

    /** The program's license string from its {@code license} section, or empty. */
    /**
     * The object's extern symbols (undefined in the ELF: {@code __kconfig} variables, {@code __ksym} variables
     * and kfuncs) that have no BTF declaration with extern linkage. libbpf cannot resolve such an extern, and
     * refuses the object when it opens it.
     */
    public List<String> externsWithoutBtf() {
        Set<String> declared = new HashSet<>();
        if (btf != null) {
            for (BtfType t : btf.types()) {
                if (t instanceof BtfType.Var v && v.linkage() == EXTERN_LINKAGE) {
                    declared.add(v.name());
                } else if (t instanceof BtfType.Func f && f.linkage() == EXTERN_LINKAGE) {
                    declared.add(f.name());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.sectionIndex() == 0 && !s.isLocal() && !s.name().isEmpty() && !declared.contains(s.name())) {
                missing.add(s.name());
            }
        }
        return missing;
    }

    public Optional<String> license() {
        return elf.section("license").map(s -> {
            ByteBuffer b = elf.data(s);
            int end = 0;
            while (end < b.limit() && b.get(end) != 0) {
                end++;
            }
            byte[] text = new byte[end];
            b.get(0, text);
            return new String(text, StandardCharsets.UTF_8);
        });
    }
}
