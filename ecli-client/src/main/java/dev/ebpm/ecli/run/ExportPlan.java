package dev.ebpm.ecli.run;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.output.EventLayout;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.meta.ExportConfig;
import dev.ebpm.format.meta.ExportMember;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.util.ArrayList;
import java.util.List;

/**
 * Which maps a run prints and how: every ring buffer and perf event array (decoded with the export struct,
 * its fields chosen and ordered by {@code export_types[].members}), and every map with {@code @sample}.
 * In eunomia's multiple-export mode each map's {@code export_config} says what it carries. Everything is
 * checked against the object's BTF before anything is loaded, and a bad edit names the field.
 */
public record ExportPlan(List<EventMap> events, List<SampleMap> samples) {
    /** A map whose events are printed as they come. */
    public record EventMap(MapInfo map, EventLayout layout) {
    }

    /** A map printed every {@code sample.interval} ms. */
    public record SampleMap(MapInfo map, MapMeta meta, Decoder key, String keyName, Decoder value, String valueName) {
    }

    public static ExportPlan of(ObjectMeta meta, BpfObject object) {
        Btf btf = object.btf();
        List<MapInfo> infos = object.maps(meta.bpfSkel().objName());
        List<EventMap> events = new ArrayList<>();
        List<SampleMap> samples = new ArrayList<>();
        for (MapMeta m : meta.bpfSkel().maps()) {
            MapInfo info = infos.stream().filter(i -> i.name().equals(m.name())).findFirst()
                .orElseThrow(() -> EcliException.failed("bad package: maps lists " + m.name()
                    + ", which the object does not have"));
            if (m.sample() != null) {
                samples.add(sample(btf, m, info));
            } else if (info.type().isEventStream()) {
                Decoders.Composite decoder = eventDecoder(meta, btf, m, info);
                if (decoder != null) {
                    events.add(new EventMap(info, new EventLayout(m.name(), decoder)));
                }
            }
        }
        return new ExportPlan(List.copyOf(events), List.copyOf(samples));
    }

    private static Decoders.Composite eventDecoder(ObjectMeta meta, Btf btf, MapMeta m, MapInfo info) {
        if (meta.options().multipleExportTypes()) {
            ExportConfig config = m.exportConfigOrDefault();
            if (config instanceof ExportConfig.NoExport) {
                return null;
            }
            if (config instanceof ExportConfig.BtfTypeId id) {
                return struct(btf, (int) id.typeId(), null, null, "maps[name=" + m.name() + "].export_config");
            }
            if (config instanceof ExportConfig.CustomMembers custom) {
                return customMembers(btf, custom, m.name());
            }
            throw EcliException.failed("bad package: maps[name=" + m.name() + "].export_config \"default\" only "
                + "works for sampled maps; a " + info.type().name().toLowerCase() + " needs a btf_type_id");
        }
        if (meta.exportTypes().isEmpty()) {
            throw EcliException.failed("bad package: map " + m.name() + " sends events, but the package has no "
                + "export_types to decode them (was it compiled without its header?)");
        }
        ExportType type = meta.exportTypes().get(0);
        return struct(btf, (int) type.typeId(), type.name(), type.members(), "export_types[0]");
    }

    private static Decoders.Composite struct(Btf btf, int typeId, String name, List<ExportMember> members,
                                             String path) {
        if (typeId <= 0 || typeId >= btf.size() || !(btf.type(typeId) instanceof BtfType.Composite c)) {
            throw EcliException.failed("bad package: " + path + ": type " + typeId + " is not a struct of the object");
        }
        if (name != null && !c.name().equals(name)) {
            throw EcliException.failed("bad package: " + path + ": type " + typeId + " is struct " + c.name()
                + ", not " + name);
        }
        List<String> chosen = null;
        if (members != null) {
            chosen = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String member = members.get(i).name();
                if (c.members().stream().noneMatch(x -> x.name().equals(member))) {
                    throw EcliException.failed("bad package: " + path + ".members[" + i + "]: struct " + c.name()
                        + " has no member '" + member + "'");
                }
                chosen.add(member);
            }
        }
        return Decoders.struct(btf, c, chosen);
    }

    private static Decoders.Composite customMembers(Btf btf, ExportConfig.CustomMembers custom, String map) {
        List<Decoders.Field> fields = new ArrayList<>();
        int end = 0;
        List<ExportConfig.CustomMember> sorted = new ArrayList<>(custom.members());
        sorted.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        for (ExportConfig.CustomMember cm : sorted) {
            if (cm.btfTypeId() <= 0 || cm.btfTypeId() >= btf.size()) {
                throw EcliException.failed("bad package: maps[name=" + map + "].export_config: member " + cm.name()
                    + " has an invalid type id " + cm.btfTypeId());
            }
            Decoder d = Decoders.of(btf, (int) cm.btfTypeId());
            if (cm.offset() < end) {
                throw EcliException.failed("bad package: maps[name=" + map + "].export_config: member " + cm.name()
                    + " overlaps the one before it");
            }
            fields.add(new Decoders.Field(cm.name(), (int) cm.offset(), d));
            end = (int) cm.offset() + d.size();
        }
        return new Decoders.Composite(fields, end);
    }

    private static SampleMap sample(Btf btf, MapMeta m, MapInfo info) {
        if (info.keyTypeId() == 0 || info.valueTypeId() == 0) {
            throw EcliException.failed("bad package: map " + m.name() + " is sampled, but declares no BTF key and "
                + "value types to print (use __type(key, ...) and __type(value, ...))");
        }
        return new SampleMap(info, m, Decoders.of(btf, info.keyTypeId()), btf.skipModifiers(info.keyTypeId()).name(),
            Decoders.of(btf, info.valueTypeId()), btf.skipModifiers(info.valueTypeId()).name());
    }

    public boolean isEmpty() {
        return events.isEmpty() && samples.isEmpty();
    }
}
