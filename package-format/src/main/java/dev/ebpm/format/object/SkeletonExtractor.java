package dev.ebpm.format.object;

import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfKind;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.ExportMember;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derives the skeleton meta of an object, as {@code bpftool gen skeleton -j} (eunomia's fork) does:
 * every map with its identifier, a data section for each memory-mapped internal map listing its
 * non-static variables with their C types (modifiers stripped), and every program with its section.
 */
public final class SkeletonExtractor {
    private SkeletonExtractor() {
    }

    public static BpfSkel extract(BpfObject object, String objName) {
        Btf btf = object.btf();
        List<MapInfo> maps = object.maps(objName);
        List<MapMeta> mapMetas = new ArrayList<>();
        List<DataSection> sections = new ArrayList<>();
        for (MapInfo m : maps) {
            mapMetas.add(new MapMeta(m.name(), m.ident(), m.mmapable() ? Boolean.TRUE : null, null, null, null,
                null, Map.of()));
            if (m.mmapable()) {
                List<Variable> vars = new ArrayList<>();
                for (BtfType.Var v : object.variables(m.section())) {
                    // Static and hidden variables are the object's own, as bpftool (7.5) leaves them out.
                    if (!v.isStatic() && !object.isHidden(v.name())) {
                        vars.add(Variable.of(v.name(), btf.typeNameWithoutModifiers(v.type())));
                    }
                }
                sections.add(new DataSection(m.section(), vars));
            }
        }
        List<ProgMeta> progs = object.programs().stream()
            .map(p -> new ProgMeta(p.name(), p.section(), true, null, Map.of()))
            .toList();
        return new BpfSkel(objName, sections, mapMetas, progs, null, Map.of());
    }

    /**
     * The export type for a struct, as eunomia's bpftool fork writes it: a member whose own type is a
     * struct or union is {@code composite}, an enum is {@code enum}, anything else its C declaration.
     */
    public static ExportType exportType(Btf btf, BtfType.Composite struct) {
        List<ExportMember> members = new ArrayList<>();
        for (BtfType.Member m : struct.members()) {
            BtfType t = btf.type(m.type());
            String type;
            if (t instanceof BtfType.Composite) {
                type = "composite";
            } else if (t instanceof BtfType.Enum e && e.kind() == BtfKind.ENUM) {
                type = "enum";
            } else {
                type = btf.typeName(m.type());
            }
            members.add(new ExportMember(m.name(), type));
        }
        return new ExportType(struct.name(), members, struct.size(), struct.id(), Map.of());
    }
}
