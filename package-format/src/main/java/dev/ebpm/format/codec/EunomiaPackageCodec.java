package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;
import dev.ebpm.format.meta.ObjectMeta;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Reads and writes eunomia's {@code package.json} and {@code package.yaml}: {@code bpf_object} is the
 * standard base64 (no line breaks) of the zlib-compressed ELF, {@code bpf_object_size} its uncompressed
 * length, which is checked, and {@code meta} the {@link ObjectMeta}.
 */
public final class EunomiaPackageCodec {
    /** Larger objects are refused before they are inflated: a BPF object is a few hundred KiB at most. */
    public static final int MAX_OBJECT_SIZE = 64 << 20;

    private static final Set<String> KEYS = Set.of("bpf_object", "bpf_object_size", "meta");

    private EunomiaPackageCodec() {
    }

    public static EunomiaPackage readJson(byte[] bytes, String source) {
        try {
            return read(Json.parse(bytes));
        } catch (PackageFormatException e) {
            throw e.in(source);
        }
    }

    public static EunomiaPackage readYaml(byte[] bytes, String source) {
        try {
            return read(Json.parseYaml(bytes));
        } catch (PackageFormatException e) {
            throw e.in(source);
        }
    }

    public static EunomiaPackage read(JsonNode root) {
        JsonFields f = JsonFields.of(root, "");
        String encoded = f.requiredString("bpf_object");
        long declaredSize = f.requiredInteger("bpf_object_size", 0, MAX_OBJECT_SIZE);
        f.requiredObject("meta");
        ObjectMeta meta = ObjectMeta.read(root.get("meta"), "meta");
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new PackageFormatException("bpf_object: not valid base64 (" + e.getMessage() + ")");
        }
        byte[] elf = inflate(compressed, declaredSize);
        if (elf.length != declaredSize) {
            throw new PackageFormatException("bpf_object_size: the file says " + declaredSize
                + " bytes but bpf_object decompresses to " + elf.length);
        }
        return new EunomiaPackage(elf, meta, f.extras(KEYS));
    }

    public static byte[] writeJson(EunomiaPackage pkg) {
        return Json.canonical(toJson(pkg));
    }

    public static byte[] writeYaml(EunomiaPackage pkg) {
        return Json.yaml(toJson(pkg));
    }

    public static ObjectNode toJson(EunomiaPackage pkg) {
        ObjectNode o = Json.object();
        o.put("bpf_object", Base64.getEncoder().encodeToString(deflate(pkg.elf())));
        o.put("bpf_object_size", pkg.elf().length);
        o.set("meta", pkg.meta().toJson());
        Json.putAll(o, pkg.extras());
        return o;
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[64 << 10];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] compressed, long expectedSize) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(expectedSize, MAX_OBJECT_SIZE));
            byte[] buf = new byte[64 << 10];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new PackageFormatException("bpf_object: the zlib data is truncated");
                }
                out.write(buf, 0, n);
                if (out.size() > expectedSize) {
                    throw new PackageFormatException("bpf_object_size: the file says " + expectedSize
                        + " bytes but bpf_object decompresses to more");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new PackageFormatException("bpf_object: not valid zlib data (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }
}
