package dev.ebpm.ecli.run;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.options.RunOptions;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a tool's own user space does to its object before loading, as package edits
 * ({@code progs[].autoload}, {@code maps[].max_entries}) with {@code --disable} and {@code --max-entries}
 * laid over them: the result is the package the run loads, so everything after reads one meta.
 */
final class RunEdits {
    private RunEdits() {
    }

    static ObjectMeta apply(ObjectMeta meta, BpfObject object, RunOptions options) {
        List<ProgMeta> progs = meta.bpfSkel().progs();
        for (String name : options.disabled()) {
            if (progs.stream().noneMatch(p -> p.name().equals(name))) {
                throw EcliException.usage("--disable " + name + ": the package has no program " + name + " (it has "
                    + String.join(", ", progs.stream().map(ProgMeta::name).toList()) + ")");
            }
        }
        List<MapMeta> maps = meta.bpfSkel().maps();
        for (String name : options.maxEntries().keySet()) {
            if (maps.stream().noneMatch(m -> m.name().equals(name))) {
                throw EcliException.usage("--max-entries " + name + ": the package has no map " + name + " (it has "
                    + String.join(", ", maps.stream().filter(m -> !m.isMmaped()).map(MapMeta::name).toList()) + ")");
            }
        }
        List<ProgMeta> newProgs = progs.stream()
            .map(p -> options.disabled().contains(p.name()) ? p.withAutoload(false) : p).toList();
        List<MapMeta> newMaps = new ArrayList<>();
        Map<String, MapInfo> infos = new HashMap<>();
        object.maps(meta.bpfSkel().objName()).forEach(i -> infos.put(i.name(), i));
        for (MapMeta m : maps) {
            Long size = options.maxEntries().getOrDefault(m.name(), m.maxEntries());
            MapInfo info = infos.get(m.name());
            if (size != null && info != null && info.internal()) {
                String problem = "map " + m.name() + " holds the " + info.section() + " section, whose size is fixed";
                throw options.maxEntries().containsKey(m.name())
                    ? EcliException.usage("--max-entries " + m.name() + ": " + problem)
                    : EcliException.failed("bad package: maps[name=" + m.name() + "].max_entries: " + problem);
            }
            newMaps.add(size == null ? m : m.withMaxEntries(size));
        }
        return meta.withSkel(meta.bpfSkel().with(meta.bpfSkel().dataSections(), newMaps, newProgs,
            meta.bpfSkel().doc()));
    }

    /** The programs the run loads and attaches. */
    static List<ProgMeta> loaded(ObjectMeta meta) {
        return meta.bpfSkel().progs().stream().filter(ProgMeta::loads).toList();
    }

    /** The programs left out, for messages. */
    static Set<String> disabled(ObjectMeta meta) {
        return Set.copyOf(meta.bpfSkel().progs().stream().filter(p -> !p.loads()).map(ProgMeta::name).toList());
    }
}
