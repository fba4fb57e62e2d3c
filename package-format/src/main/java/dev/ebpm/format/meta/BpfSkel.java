package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The skeleton of a BPF object: its name (passed to libbpf as {@code object_name}), data sections, maps
 * and programs, and its documentation. Missing or null lists read as empty.
 */
public record BpfSkel(String objName, List<DataSection> dataSections, List<MapMeta> maps, List<ProgMeta> progs,
                      SkelDoc doc, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("obj_name", "data_sections", "maps", "progs", "doc");

    public BpfSkel {
        dataSections = List.copyOf(dataSections);
        maps = List.copyOf(maps);
        progs = List.copyOf(progs);
        extras = Map.copyOf(extras);
    }

    public static BpfSkel read(JsonFields f) {
        JsonFields doc = f.object("doc");
        return new BpfSkel(f.requiredString("obj_name"), f.objects("data_sections", DataSection::read),
            f.objects("maps", MapMeta::read), f.objects("progs", ProgMeta::read),
            doc == null ? null : SkelDoc.read(doc), f.extras(KEYS));
    }

    public Optional<MapMeta> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<ProgMeta> prog(String name) {
        return progs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public BpfSkel with(List<DataSection> newSections, List<MapMeta> newMaps, List<ProgMeta> newProgs, SkelDoc newDoc) {
        return new BpfSkel(objName, newSections, newMaps, newProgs, newDoc, extras);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("obj_name", objName);
        ArrayNode ds = o.putArray("data_sections");
        dataSections.forEach(d -> ds.add(d.toJson()));
        ArrayNode ms = o.putArray("maps");
        maps.forEach(m -> ms.add(m.toJson()));
        ArrayNode ps = o.putArray("progs");
        progs.forEach(p -> ps.add(p.toJson()));
        if (doc != null) {
            o.set("doc", doc.toJson());
        }
        Json.putAll(o, extras);
        return o;
    }
}
