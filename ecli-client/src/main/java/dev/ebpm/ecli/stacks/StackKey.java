package dev.ebpm.ecli.stacks;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.meta.MapStacks;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.MapType;
import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.util.List;

/**
 * Where a sampled map's key keeps its stack ids, checked against the package before anything loads: the
 * {@code @stacks} map must be a stack-trace map, the id fields integers of the key, the value a count. The
 * key's {@code pid} (or {@code tgid}) and {@code comm} fields, when it has them, say whose stack it is.
 */
public record StackKey(MapStacks annotation, MapInfo stackMap, Decoders.Field kernel, Decoders.Field user,
                       Decoders.Field pid, Decoders.Field comm, Decoders.Int count) {
    public static StackKey plan(String map, MapStacks s, List<MapInfo> maps, Decoder key, Decoder value) {
        String where = "bad package: maps[name=" + map + "].stacks";
        MapInfo stackMap = maps.stream().filter(m -> m.name().equals(s.map())).findFirst()
            .orElseThrow(() -> EcliException.failed(where + ": the object has no map named " + s.map()));
        if (stackMap.type() != MapType.STACK_TRACE) {
            throw EcliException.failed(where + ": map " + s.map() + " is a " + stackMap.type().name().toLowerCase()
                + " map, not a stack_trace map");
        }
        if (!(value instanceof Decoders.Int count)) {
            throw EcliException.failed(where + ": the map's value must be an integer count of samples");
        }
        List<Decoders.Field> fields = key instanceof Decoders.Composite c ? c.fields() : List.of();
        return new StackKey(s, stackMap, idField(where, fields, s.kernel()), idField(where, fields, s.user()),
            field(fields, "pid", "tgid"), field(fields, "comm"), count);
    }

    private static Decoders.Field idField(String where, List<Decoders.Field> fields, String name) {
        if (name == null) {
            return null;
        }
        Decoders.Field f = fields.stream().filter(x -> x.name().equals(name)).findFirst()
            .orElseThrow(() -> EcliException.failed(where + ": the key has no field " + name));
        if (!(f.decoder() instanceof Decoders.Int i) || i.size() != 4 && i.size() != 8) {
            throw EcliException.failed(where + ": key field " + name + " must be a 32- or 64-bit integer (a stack id)");
        }
        return f;
    }

    private static Decoders.Field field(List<Decoders.Field> fields, String... names) {
        for (String n : names) {
            for (Decoders.Field f : fields) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
        }
        return null;
    }
}
