package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

/**
 * {@code manifest.json} of an ebpm package: the package's identity and the digest of every other entry.
 * The object is stored zstd-compressed; its uncompressed digest and size are recorded too, so the ELF can
 * be checked after decompression. {@code btf} (null for most packages) is the zstd-compressed tar of kernel
 * BTF that {@code ecc --btfgen} packs.
 */
public record PackageManifest(int schemaVersion, PackageInfo info, BlobDescriptor meta, BlobDescriptor object,
                              Digest objectUncompressedDigest, long objectUncompressedSize, BlobDescriptor readme,
                              BlobDescriptor btf) {
    public static final int SCHEMA_VERSION = 1;
    public static final String MEDIA_TYPE = "application/vnd.ebpm.package.manifest.v1+json";
    public static final String META_MEDIA_TYPE = "application/vnd.ebpm.package.meta.v1+json";
    public static final String OBJECT_MEDIA_TYPE = "application/vnd.ebpm.bpf.object.v1+zstd";
    public static final String README_MEDIA_TYPE = "text/markdown";
    public static final String BTF_MEDIA_TYPE = "application/vnd.ebpm.kernel-btf.v1.tar+zstd";

    static PackageManifest read(JsonNode node) {
        JsonFields f = JsonFields.of(node, "manifest");
        int schema = (int) f.requiredInteger("schemaVersion", 0, Integer.MAX_VALUE);
        if (schema != SCHEMA_VERSION) {
            throw f.invalid("schemaVersion", "this ebpm reads schema version " + SCHEMA_VERSION + ", the package has "
                + schema + " (a newer ebpm wrote it?)");
        }
        PackageInfo info = PackageInfo.read(f);
        JsonFields object = f.requiredObject("object");
        Digest uncompressed = object.requiredDigest("uncompressedDigest");
        JsonFields readme = f.object("readme");
        JsonFields btf = f.object("btf");
        return new PackageManifest(schema, info, BlobDescriptor.read(f.requiredObject("meta")),
            BlobDescriptor.read(object), uncompressed, object.requiredInteger("uncompressedSize", 0, Long.MAX_VALUE),
            readme == null ? null : BlobDescriptor.read(readme), btf == null ? null : BlobDescriptor.read(btf));
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", schemaVersion);
        o.put("mediaType", MEDIA_TYPE);
        info.writeTo(o);
        o.set("meta", meta.toJson());
        ObjectNode obj = object.toJson();
        obj.put("uncompressedDigest", objectUncompressedDigest.toString());
        obj.put("uncompressedSize", objectUncompressedSize);
        o.set("object", obj);
        if (readme != null) {
            o.set("readme", readme.toJson());
        }
        if (btf != null) {
            o.set("btf", btf.toJson());
        }
        return o;
    }
}
