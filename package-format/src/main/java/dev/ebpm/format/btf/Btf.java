package dev.ebpm.format.btf;

import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.elf.ElfSection;
import dev.ebpm.format.elf.ElfSymbol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The types of one BTF blob, indexed by id (id 0 is {@code void}).
 *
 * <p>BTF taken from an object file is "finalized" the way libbpf does it at open time: clang leaves
 * DATASEC sizes and global variable offsets as 0, so sizes come from the ELF section headers and
 * offsets from the ELF symbols, and each DATASEC is sorted by offset. Hidden globals stay global: libbpf 1.1,
 * the version ecli runs on, lists them in skeletons (later libbpf versions treat them as static).
 */
public final class Btf {
    private static final String KCONFIG = ".kconfig";
    private static final String KSYMS = ".ksyms";

    private final List<BtfType> types;

    private Btf(List<BtfType> types) {
        this.types = Collections.unmodifiableList(types);
    }

    /** Parses a raw BTF blob, such as {@code /sys/kernel/btf/vmlinux}. */
    public static Btf parse(ByteBuffer raw) {
        return new Btf(BtfParser.parse(raw));
    }

    public static Btf parse(byte[] raw) {
        return parse(ByteBuffer.wrap(raw));
    }

    /** Parses the {@code .BTF} section of a BPF object and finalizes its data sections from the ELF. */
    public static Btf fromObject(ElfFile elf) {
        ElfSection section = elf.section(".BTF")
            .orElseThrow(() -> new BtfException("the object has no .BTF section (was it compiled with -g?)"));
        List<BtfType> types = new ArrayList<>(BtfParser.parse(elf.data(section)));
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) instanceof BtfType.DataSec sec) {
                types.set(i, finalizeDataSec(sec, types, elf));
            }
        }
        return new Btf(types);
    }

    private static BtfType.DataSec finalizeDataSec(BtfType.DataSec sec, List<BtfType> types, ElfFile elf) {
        long size = sec.size();
        List<BtfType.VarSecInfo> vars = new ArrayList<>(sec.vars());
        if (!sec.name().equals(KCONFIG) && !sec.name().equals(KSYMS)) {
            if (size == 0) {
                size = elf.section(sec.name()).map(ElfSection::size).orElse(0L);
            }
            for (int i = 0; i < vars.size(); i++) {
                BtfType.VarSecInfo info = vars.get(i);
                if (!(types.get(info.type()) instanceof BtfType.Var var) || var.linkage() != BtfType.Var.GLOBAL) {
                    continue;
                }
                Optional<ElfSymbol> symbol = globalObjectSymbol(elf, var.name());
                if (symbol.isEmpty()) {
                    continue;
                }
                vars.set(i, new BtfType.VarSecInfo(info.type(), symbol.get().value(), info.size()));
            }
        }
        vars.sort(Comparator.comparingLong(BtfType.VarSecInfo::offset));
        return new BtfType.DataSec(sec.id(), sec.name(), size, vars);
    }

    private static Optional<ElfSymbol> globalObjectSymbol(ElfFile elf, String name) {
        return elf.symbols().stream()
            .filter(s -> s.type() == ElfSymbol.STT_OBJECT)
            .filter(s -> s.binding() == ElfSymbol.STB_GLOBAL || s.binding() == ElfSymbol.STB_WEAK)
            .filter(s -> s.name().equals(name))
            .findFirst();
    }

    public List<BtfType> types() {
        return types;
    }

    public int size() {
        return types.size();
    }

    public BtfType type(int id) {
        if (id < 0 || id >= types.size()) {
            throw new BtfException("no BTF type with id " + id + " (the object has " + (types.size() - 1) + ")");
        }
        return types.get(id);
    }

    public <T extends BtfType> T type(int id, Class<T> kind) {
        BtfType t = type(id);
        if (!kind.isInstance(t)) {
            throw new BtfException("BTF type [" + id + "] is a " + t.kind() + ", not a " + kind.getSimpleName());
        }
        return kind.cast(t);
    }

    /** Follows const, volatile, restrict and type tags. */
    public BtfType skipModifiers(int id) {
        BtfType t = type(id);
        while (t instanceof BtfType.Modifier m) {
            t = type(m.type());
        }
        return t;
    }

    /** Follows typedefs and modifiers down to the type that gives the layout. */
    public BtfType resolve(int id) {
        BtfType t = type(id);
        for (int guard = 0; guard < types.size(); guard++) {
            if (t instanceof BtfType.Modifier m) {
                t = type(m.type());
            } else if (t instanceof BtfType.Typedef td) {
                t = type(td.type());
            } else {
                return t;
            }
        }
        throw new BtfException("BTF type [" + id + "] is part of a typedef cycle");
    }

    /** The size in bytes of a value of this type, as {@code sizeof} would give it. */
    public long sizeOf(int id) {
        BtfType t = resolve(id);
        if (t instanceof BtfType.Int i) {
            return i.size();
        } else if (t instanceof BtfType.Composite c) {
            return c.size();
        } else if (t instanceof BtfType.Enum e) {
            return e.size();
        } else if (t instanceof BtfType.Float f) {
            return f.size();
        } else if (t instanceof BtfType.Ptr) {
            return 8;
        } else if (t instanceof BtfType.Array a) {
            return a.length() * sizeOf(a.elementType());
        } else if (t instanceof BtfType.DataSec d) {
            return d.size();
        } else if (t instanceof BtfType.Var v) {
            return sizeOf(v.type());
        }
        throw new BtfException("BTF type [" + id + "] (" + t.kind() + ") has no size");
    }

    /** The alignment libbpf's btf__align_of gives, for padding and for writing values. */
    public long alignOf(int id) {
        BtfType t = resolve(id);
        if (t instanceof BtfType.Int || t instanceof BtfType.Enum || t instanceof BtfType.Float) {
            return Math.min(8, sizeOf(id));
        } else if (t instanceof BtfType.Ptr) {
            return 8;
        } else if (t instanceof BtfType.Array a) {
            return alignOf(a.elementType());
        } else if (t instanceof BtfType.Composite c) {
            long align = 1;
            for (BtfType.Member m : c.members()) {
                align = Math.max(align, alignOf(m.type()));
            }
            return align;
        }
        return 1;
    }

    public <T extends BtfType> List<T> all(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (BtfType t : types) {
            if (kind.isInstance(t)) {
                out.add(kind.cast(t));
            }
        }
        return out;
    }

    public Optional<BtfType.DataSec> dataSec(String name) {
        return all(BtfType.DataSec.class).stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Optional<BtfType.Composite> struct(String name) {
        return all(BtfType.Composite.class).stream()
            .filter(c -> !c.isUnion() && c.name().equals(name))
            .findFirst();
    }

    /** The C declaration of a type with no name, as libbpf's btf_dump prints it: {@code char[16]}, {@code struct event *}. */
    public String typeName(int id) {
        return CTypeNames.declaration(this, id, false);
    }

    /** Like {@link #typeName(int)}, with const, volatile, restrict and type tags left out at every level. */
    public String typeNameWithoutModifiers(int id) {
        return CTypeNames.declaration(this, id, true);
    }
}
