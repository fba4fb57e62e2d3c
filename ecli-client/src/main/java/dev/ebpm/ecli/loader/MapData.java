package dev.ebpm.ecli.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.Memory;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.values.Encoder;
import dev.ebpm.format.values.ValueException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Fills maps from the package before the programs attach: {@code maps[].data} is a list of
 * {@code {"key": ..., "value": ...}}, each written as JSON matching the map's BTF key and value types.
 */
public final class MapData {
    public static final String KEY = "data";

    private MapData() {
    }

    public static void write(LoadedObject loaded, ObjectMeta meta, BpfObject object) {
        List<MapInfo> maps = object.maps(meta.bpfSkel().objName());
        for (MapMeta m : meta.bpfSkel().maps()) {
            JsonNode data = m.extras().get(KEY);
            if (data == null || data.isNull()) {
                continue;
            }
            String path = "maps[name=" + m.name() + "].data";
            if (!data.isArray()) {
                throw EcliException.failed("bad package: " + path + " must be a list of {\"key\": ..., \"value\": ...}");
            }
            MapInfo info = maps.stream().filter(x -> x.name().equals(m.name())).findFirst()
                .orElseThrow(() -> EcliException.failed("bad package: " + path + ": the object has no map "
                    + m.name()));
            if (info.keyTypeId() == 0 || info.valueTypeId() == 0) {
                throw EcliException.failed("bad package: " + path + ": map " + m.name()
                    + " declares no BTF key and value types (use __type(key, ...) and __type(value, ...))");
            }
            int fd = loaded.mapFd(m.name());
            for (int i = 0; i < data.size(); i++) {
                JsonNode entry = data.get(i);
                String at = path + "[" + i + "]";
                if (!entry.isObject() || !entry.has("key") || !entry.has("value")) {
                    throw EcliException.failed("bad package: " + at + " must be {\"key\": ..., \"value\": ...}");
                }
                Memory key = encode(object.btf(), info.keyTypeId(), (int) info.keySize(), entry.get("key"), at + ".key");
                Memory value = encode(object.btf(), info.valueTypeId(), (int) info.valueSize(), entry.get("value"),
                    at + ".value");
                Libbpf.check(NativeLibbpf.bpf_map_update_elem(fd, key, value, 0), "cannot write " + at + " into map "
                    + m.name());
            }
        }
    }

    private static Memory encode(Btf btf, int typeId, int size, JsonNode value, String what) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        try {
            Encoder.write(btf, typeId, value, b, 0, what);
        } catch (ValueException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
        return Libbpf.copyOf(b.array());
    }
}
