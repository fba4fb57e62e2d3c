package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * eunomia's {@code EunomiaObjectMeta}: everything a loader needs to know about a BPF object besides its
 * bytes. Reading then writing keeps every key, known or not; output keys are sorted as eunomia writes them.
 */
public record ObjectMeta(BpfSkel bpfSkel, List<ExportType> exportTypes, String eunomiaVersion, LoaderOptions options,
                         Map<String, JsonNode> extras) {
    /**
     * The {@code eunomia_version} ecc writes: the version of eunomia's ecc whose package format ours
     * matches (the field is informational; eunomia's loader drops it).
     */
    public static final String EUNOMIA_FORMAT_VERSION = "0.3.4";

    private static final Set<String> KEYS;

    static {
        Set<String> keys = new HashSet<>(LoaderOptions.KEYS);
        keys.addAll(Set.of("bpf_skel", "export_types", "eunomia_version"));
        KEYS = Set.copyOf(keys);
    }

    public ObjectMeta {
        exportTypes = List.copyOf(exportTypes);
        extras = Map.copyOf(extras);
    }

    public static ObjectMeta read(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        return new ObjectMeta(BpfSkel.read(f.requiredObject("bpf_skel")), f.objects("export_types", ExportType::read),
            f.string("eunomia_version"), LoaderOptions.read(f), f.extras(KEYS));
    }

    /** Reads a bare meta document (eunomia's {@code *.skel.json}, ebpm's {@code meta.json}). */
    public static ObjectMeta parse(byte[] json, String source) {
        try {
            return read(Json.parse(json), "meta");
        } catch (PackageFormatException e) {
            throw e.in(source);
        }
    }

    public ObjectMeta withSkel(BpfSkel skel) {
        return new ObjectMeta(skel, exportTypes, eunomiaVersion, options, extras);
    }

    public ObjectMeta withExportTypes(List<ExportType> types) {
        return new ObjectMeta(bpfSkel, types, eunomiaVersion, options, extras);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.set("bpf_skel", bpfSkel.toJson());
        if (!exportTypes.isEmpty()) {
            ArrayNode arr = o.putArray("export_types");
            exportTypes.forEach(t -> arr.add(t.toJson()));
        }
        MetaJson.putIfSet(o, "eunomia_version", eunomiaVersion);
        options.write(o);
        Json.putAll(o, extras);
        return o;
    }

    /** The canonical bytes: compact JSON with sorted keys. */
    public byte[] toCanonicalJson() {
        return Json.canonical(toJson());
    }
}
