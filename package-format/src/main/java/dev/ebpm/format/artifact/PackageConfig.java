package dev.ebpm.format.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.FreeText;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;
import dev.ebpm.format.meta.ObjectMeta;

/**
 * The config blob of a package artifact: the package's identity, its README, the eunomia meta, and the
 * digest and size of the BPF object once decompressed, so a puller can check the layer's content too.
 */
public record PackageConfig(PackageInfo info, String readme, ObjectMeta meta, Digest objectDigest, long objectSize) {
    public static final String MEDIA_TYPE = "application/vnd.ebpm.package.config.v1+json";
    public static final int SCHEMA_VERSION = 1;
    public PackageConfig {
        FreeText.check("readme", readme, EbpmPackage.MAX_README);
    }

    public static PackageConfig parse(byte[] bytes) {
        JsonFields f = JsonFields.of(Json.parse(bytes), "config");
        long schema = f.requiredInteger("schemaVersion", 0, Integer.MAX_VALUE);
        if (schema != SCHEMA_VERSION) {
            throw f.invalid("schemaVersion", "this ebpm reads config schema " + SCHEMA_VERSION + ", found " + schema);
        }
        PackageInfo info = PackageInfo.read(f);
        JsonFields object = f.requiredObject("object");
        Digest digest = object.requiredDigest("digest");
        f.requiredObject("meta");
        JsonNode meta = f.raw("meta");
        return new PackageConfig(info, f.string("readme"), ObjectMeta.read(meta, "config.meta"), digest,
            object.requiredInteger("size", 0, Long.MAX_VALUE));
    }

    public byte[] toBytes() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", SCHEMA_VERSION);
        info.writeTo(o);
        if (readme != null) {
            o.put("readme", readme);
        }
        ObjectNode object = o.putObject("object");
        object.put("digest", objectDigest.toString());
        object.put("size", objectSize);
        o.set("meta", meta.toJson());
        return Json.canonical(o);
    }
}
