package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.io.Tars;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;
import dev.ebpm.format.kernelbtf.KernelBtf;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ObjectMeta;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public static final String PACKAGE_JSON = "package.json";
    /** A btfgen tar: the package, its object and kernel BTF within the kernel BTF limit. */
    public static final long MAX_TAR_BYTES = 3L * MAX_OBJECT_SIZE + KernelBtfArchive.MAX_BYTES;

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
        return new EunomiaPackage(elf, meta, f.extras(KEYS), KernelBtfArchive.EMPTY);
    }

    /**
     * eunomia's btfgen tar ({@code ecc -b}): {@code package.json}, the object under {@code objectFile}, and
     * {@code btfhub-archive/ID/VERSION_ID/ARCH/RELEASE.btf} per kernel. eunomia's ecli runs it as a tar program.
     */
    public static byte[] writeTar(EunomiaPackage pkg, String objectFile) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(PACKAGE_JSON, writeJson(pkg));
        entries.put(objectFile, pkg.elf());
        for (KernelBtf k : pkg.btfs().kernels()) {
            entries.put(k.path(), k.btf());
        }
        return Tars.write(entries);
    }

    /**
     * Reads a btfgen tar: its {@code package.json} and kernel BTF; the bare object beside them is the one the
     * package.json holds, so it is not read again. At most {@value #MAX_TAR_BYTES} bytes of entries.
     */
    public static EunomiaPackage readTar(byte[] bytes, String source) {
        byte[] json = null;
        List<KernelBtf> kernels = new ArrayList<>();
        long total = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                total += e.getSize();
                if (!e.isFile() || !e.isCheckSumOK() || total > MAX_TAR_BYTES) {
                    throw new PackageFormatException("\"" + e.getName() + "\" is not a plain file, its tar header is "
                        + "damaged, or the archive is over " + MAX_TAR_BYTES + " bytes");
                }
                if (name.equals(PACKAGE_JSON)) {
                    json = in.readNBytes((int) e.getSize());
                } else if (KernelBtfArchive.isEntry(name)) {
                    kernels.add(KernelBtfArchive.entry(name, in.readNBytes((int) e.getSize())));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageFormatException("not a valid tar archive (" + e.getMessage() + ")").in(source);
        } catch (PackageFormatException e) {
            throw e.in(source);
        }
        if (json == null) {
            throw new PackageFormatException("a tar package holds package.json (eunomia's btfgen tar) or manifest.json "
                + "(an ebpm package); this one has neither").in(source);
        }
        return readJson(json, source + ":" + PACKAGE_JSON).withBtfs(new KernelBtfArchive(kernels));
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
