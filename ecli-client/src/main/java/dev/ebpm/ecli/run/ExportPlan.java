package dev.ebpm.ecli.run;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.output.EventLayout;
import dev.ebpm.ecli.stacks.StackKey;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.meta.ExportConfig;
import dev.ebpm.format.meta.ExportMember;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.MapStacks;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.MapType;
import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.util.ArrayList;
import java.util.List;

/**
 * Which maps a run prints and how: every ring buffer and perf event array (decoded with the export struct,
 * its fields chosen and ordered by {@code export_types[].members}), and every map with {@code @sample}.
 * In eunomia's multiple-export mode each map's {@code export_config} says what it carries. Everything is
 * checked against the object's BTF before anything is loaded, and a bad edit names the field. An event map
 * of a package with no export type (built from a header that declares no struct, which eunomia's ecc
 * accepts) runs unprinted, listed in {@code unprinted}.
 */
public record ExportPlan(List<EventMap> events, List<SampleMap> samples, List<String> unprinted) {
    /** A map whose events are printed as they come. */
    public record EventMap(MapInfo map, EventLayout layout) {
    }

    /** A map printed every {@code sample.interval} ms. */
    /** {@code stacks}: where the key keeps stack ids, for a map with {@code @stacks} (null otherwise). */
    public record SampleMap(MapInfo map, MapMeta meta, Decoder key, String keyName, Decoder value, String valueName,
                            StackKey stacks) {
        SampleMap withStacks(List<MapInfo> maps) {
            StackKey plan = MapStacks.of(meta).map(s -> StackKey.plan(map.name(), s, maps, key, value)).orElse(null);
            return new SampleMap(map, meta, key, keyName, value, valueName, plan);
        }
    }

    /** A perf record's size is a u16 including its 8-byte header and the sample's 4-byte length. */
    private static final int PERF_RECORD_MAX = 0xffff - 8 - 4;
    /** Each ring buffer record has an 8-byte header inside the buffer. */
    private static final int RINGBUF_HEADER = 8;

    public static ExportPlan of(ObjectMeta meta, BpfObject object) {
        Btf btf = object.btf();
        List<MapInfo> infos = object.maps(meta.bpfSkel().objName());
        List<EventMap> events = new ArrayList<>();
        List<SampleMap> samples = new ArrayList<>();
        List<String> unprinted = new ArrayList<>();
        for (MapMeta m : meta.bpfSkel().maps()) {
            MapInfo info = infos.stream().filter(i -> i.name().equals(m.name())).findFirst()
                .orElseThrow(() -> EcliException.failed("bad package: maps lists " + m.name()
                    + ", which the object does not have"));
            if (m.sample() != null) {
                SampleMap sample = sample(meta, btf, m, info);
                if (sample != null) {
                    samples.add(sample.withStacks(infos));
                }
            } else if (info.type().isEventStream() && !meta.options().multipleExportTypes()
                && meta.exportTypes().isEmpty()) {
                unprinted.add(m.name());
            } else if (info.type().isEventStream()) {
                Decoders.Composite decoder = eventDecoder(meta, btf, m, info);
                if (decoder != null) {
                    events.add(new EventMap(info, new EventLayout(m.name(), decoder)));
                }
            }
        }
        return new ExportPlan(List.copyOf(events), List.copyOf(samples), List.copyOf(unprinted));
    }

    private static Decoders.Composite eventDecoder(ObjectMeta meta, Btf btf, MapMeta m, MapInfo info) {
        if (meta.options().multipleExportTypes()) {
            String path = "maps[name=" + m.name() + "].export_config";
            ExportConfig config = m.exportConfigOrDefault();
            if (config instanceof ExportConfig.NoExport) {
                return null;
            }
            if (config instanceof ExportConfig.BtfTypeId id) {
                return struct(btf, (int) id.typeId(), null, null, path);
            }
            if (config instanceof ExportConfig.CustomMembers custom) {
                return customMembers(btf, custom, path, new Limit(recordLimit(m, info), info.type() == MapType.RINGBUF
                    ? "the largest record ring buffer " + m.name() + " can carry"
                    : "the largest record a perf event array can carry"));
            }
            throw EcliException.failed("bad package: " + path + " \"default\" only works for sampled maps; a "
                + info.type().name().toLowerCase() + " needs a btf_type_id");
        }
        ExportType type = meta.exportTypes().get(0);
        Decoders.Composite d = struct(btf, (int) type.typeId(), type.name(), type.members(), "export_types[0]");
        for (int i = 0; i < d.fields().size(); i++) {
            Decoders.Field f = d.fields().get(i);
            if (f.offset() + f.decoder().size() > type.size()) {
                throw EcliException.failed("bad package: export_types[0].members[" + i + "]: member '" + f.name()
                    + "' (offset " + f.offset() + ", " + f.decoder().size() + " bytes) lies outside struct "
                    + type.name() + " of export_types[0].size " + type.size() + " bytes");
            }
        }
        return d;
    }

    /** The most bytes one record of an event map can hold, so no export member can lie past it. */
    private static long recordLimit(MapMeta m, MapInfo info) {
        return info.type() == MapType.RINGBUF ? maxEntries(m, info) - RINGBUF_HEADER : PERF_RECORD_MAX;
    }

    private static long maxEntries(MapMeta m, MapInfo info) {
        return m.maxEntries() != null ? m.maxEntries() : info.maxEntries();
    }

    /** How far export members may reach, and what to call that bound when one does not fit. */
    private record Limit(long bytes, String what) {
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

    /** Members placed by hand, sorted by offset as eunomia does; each must lie within {@code limit}. */
    private static Decoders.Composite customMembers(Btf btf, ExportConfig.CustomMembers custom, String path,
                                                    Limit limit) {
        List<Decoders.Field> fields = new ArrayList<>();
        List<ExportConfig.CustomMember> given = custom.members();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(given.get(a).offset(), given.get(b).offset()));
        long end = 0;
        for (int i : order) {
            ExportConfig.CustomMember cm = given.get(i);
            String at = "bad package: " + path + ".custom_members[" + i + "]: member '" + cm.name() + "'";
            if (cm.btfTypeId() <= 0 || cm.btfTypeId() >= btf.size()) {
                throw EcliException.failed(at + " has an invalid type id " + cm.btfTypeId());
            }
            Decoder d = decoder(btf, (int) cm.btfTypeId(), at);
            if (cm.offset() < end) {
                throw EcliException.failed(at + " overlaps the one before it");
            }
            if (cm.offset() + d.size() > limit.bytes()) {
                throw EcliException.failed(at + " (offset " + cm.offset() + ", " + d.size() + " bytes) lies outside "
                    + limit.what() + " (" + limit.bytes() + " bytes)");
            }
            fields.add(new Decoders.Field(cm.name(), (int) cm.offset(), d));
            end = cm.offset() + d.size();
        }
        return new Decoders.Composite(fields, (int) end);
    }

    /** A decoder for a type an edit names; a type that cannot be printed is an error starting with {@code at}. */
    private static Decoder decoder(Btf btf, int typeId, String at) {
        try {
            return Decoders.of(btf, typeId);
        } catch (IllegalArgumentException e) {
            throw EcliException.failed(at + ": " + e.getMessage());
        }
    }

    /**
     * A sampled map's value decoder: its BTF value type, or in multiple-export mode what its
     * {@code export_config} says (nothing for {@code no_export}), never reaching past the map's value size.
     */
    private static SampleMap sample(ObjectMeta meta, Btf btf, MapMeta m, MapInfo info) {
        if (info.keyTypeId() == 0 || info.valueTypeId() == 0) {
            throw EcliException.failed("bad package: map " + m.name() + " is sampled, but declares no BTF key and "
                + "value types to print (use __type(key, ...) and __type(value, ...))");
        }
        Decoder key = Decoders.of(btf, info.keyTypeId());
        String keyName = btf.skipModifiers(info.keyTypeId()).name();
        ExportConfig config = meta.options().multipleExportTypes() ? m.exportConfigOrDefault()
            : new ExportConfig.Default();
        String path = "maps[name=" + m.name() + "].export_config";
        Limit limit = new Limit(info.valueSize(), "the value of map " + m.name());
        if (config instanceof ExportConfig.NoExport) {
            return null;
        }
        if (config instanceof ExportConfig.CustomMembers custom) {
            return new SampleMap(info, m, key, keyName, customMembers(btf, custom, path, limit), "", null);
        }
        int valueType = config instanceof ExportConfig.BtfTypeId id ? (int) id.typeId() : info.valueTypeId();
        if (valueType <= 0 || valueType >= btf.size()) {
            throw EcliException.failed("bad package: " + path + ": type " + valueType + " is not a type of the object");
        }
        Decoder value = decoder(btf, valueType, "bad package: " + path);
        if (value.size() > limit.bytes()) {
            throw EcliException.failed("bad package: " + path + ": type " + valueType + " (" + value.size()
                + " bytes) is larger than " + limit.what() + " (" + limit.bytes() + " bytes)");
        }
        return new SampleMap(info, m, key, keyName, value, btf.skipModifiers(valueType).name(), null);
    }

    public boolean isEmpty() {
        return events.isEmpty() && samples.isEmpty();
    }
}
