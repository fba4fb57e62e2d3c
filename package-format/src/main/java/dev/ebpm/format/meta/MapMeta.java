package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.Map;
import java.util.Set;

/**
 * A map of the object. {@code ident} is the skeleton identifier ({@code rodata} for {@code client_b.rodata});
 * {@code mmaped} marks memory-mapped internal maps. Optional parts are null when absent. Unknown keys such as
 * a {@code description} from a doc comment are kept (eunomia's loader drops them; the catalog shows them).
 * {@code maxEntries} ({@code max_entries}, an ebpm edit) resizes the map before load, as a tool's user space
 * does with {@code bpf_map__set_max_entries}.
 */
public record MapMeta(String name, String ident, Boolean mmaped, MapSample sample, ExportConfig exportConfig,
                      Interpreter interpreter, Long maxEntries, Map<String, JsonNode> extras) {
    private static final Set<String> KEYS = Set.of("name", "ident", "mmaped", "sample", "export_config", "intepreter",
        "max_entries");

    public MapMeta {
        extras = Map.copyOf(extras);
    }

    public static MapMeta read(JsonFields f) {
        JsonFields sample = f.object("sample");
        JsonNode export = f.raw("export_config");
        JsonNode interp = f.raw("intepreter");
        return new MapMeta(f.requiredString("name"), f.requiredString("ident"), f.bool("mmaped"),
            sample == null ? null : MapSample.read(sample),
            export == null ? null : ExportConfig.read(export, f.pathOf("export_config")),
            interp == null ? null : Interpreter.read(interp, f.pathOf("intepreter")),
            f.integer("max_entries", 1, 0xffffffffL), f.extras(KEYS));
    }

    public boolean isMmaped() {
        return mmaped != null && mmaped;
    }

    public String description() {
        JsonNode d = extras.get("description");
        return d != null && d.isTextual() ? d.asText() : null;
    }

    public ExportConfig exportConfigOrDefault() {
        return exportConfig == null ? new ExportConfig.NoExport() : exportConfig;
    }

    public Interpreter interpreterOrDefault() {
        return interpreter == null ? new Interpreter.DefaultStruct() : interpreter;
    }

    public MapMeta withDoc(MapSample newSample, Interpreter newInterpreter, ExportConfig newExportConfig,
                           Map<String, JsonNode> newExtras) {
        return new MapMeta(name, ident, mmaped, newSample, newExportConfig, newInterpreter, maxEntries, newExtras);
    }

    public MapMeta withMaxEntries(long newMaxEntries) {
        return new MapMeta(name, ident, mmaped, sample, exportConfig, interpreter, newMaxEntries, extras);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("ident", ident);
        MetaJson.putIfSet(o, "mmaped", mmaped);
        if (sample != null) {
            o.set("sample", sample.toJson());
        }
        if (exportConfig != null) {
            o.set("export_config", exportConfig.toJson());
        }
        if (interpreter != null) {
            o.set("intepreter", interpreter.toJson());
        }
        MetaJson.putIfSet(o, "max_entries", maxEntries);
        Json.putAll(o, extras);
        return o;
    }
}
