package dev.ebpm.format.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.io.Tars;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ObjectMeta;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes and reads ebpm package files: an uncompressed tar holding {@code manifest.json} first, then
 * {@code meta.json}, {@code object.bpf.o.zst} and optionally {@code README.md}. Entries carry fixed
 * metadata, so the same package always gives the same bytes and digest. Reading checks every size and
 * digest against the manifest and refuses anything else in the archive.
 */
public final class EbpmPackageCodec {
    public static final String FILE_EXTENSION = ".ebpm";
    public static final String MANIFEST = "manifest.json";
    public static final String META = "meta.json";
    public static final String OBJECT = "object.bpf.o.zst";
    public static final String README = "README.md";
    public static final String BTF = "btf.tar.zst";
    /** The kernel BTF tar, uncompressed, at most: the archive's own limit and its tar headers. */
    private static final int MAX_BTF_TAR = KernelBtfArchive.MAX_BYTES + (KernelBtfArchive.MAX_KERNELS + 2) * 1024;

    /** Level 19 costs milliseconds on a BPF object and shrinks it well; zstd output is deterministic per level. */
    private static final int ZSTD_LEVEL = 19;
    private static final Map<String, Integer> LIMITS = Map.of(
        MANIFEST, 1 << 20, META, 16 << 20, OBJECT, 16 << 20, README, 1 << 20,
        BTF, MAX_BTF_TAR);
    public static final int MAX_OBJECT_SIZE = EunomiaPackageCodec.MAX_OBJECT_SIZE;

    private EbpmPackageCodec() {
    }

    public static byte[] write(EbpmPackage pkg) {
        return write(pkg, compressObject(pkg.elf()));
    }

    /** The object as packages store it; the same ELF always compresses to the same bytes. */
    public static byte[] compressObject(byte[] elf) {
        return Zstd.compress(elf, ZSTD_LEVEL);
    }

    /**
     * Writes a package whose object is already compressed ({@code object} must decompress to
     * {@code pkg.elf()}), so a package rebuilt from an OCI artifact keeps the artifact's layer bytes.
     */
    public static byte[] write(EbpmPackage pkg, byte[] object) {
        return write(pkg, object, null);
    }

    /**
     * As {@link #write(EbpmPackage, byte[])}, with the kernel BTF already compressed as {@code btf} (an OCI
     * artifact's BTF layer, which must hold {@code pkg.btfs()}), so the file keeps the layer's bytes; null
     * compresses {@code pkg.btfs()} here.
     */
    public static byte[] write(EbpmPackage pkg, byte[] object, byte[] compressedBtf) {
        byte[] meta = pkg.meta().toCanonicalJson();
        byte[] readme = pkg.readme() == null ? null : pkg.readme().getBytes(StandardCharsets.UTF_8);
        byte[] btf = compressedBtf != null ? compressedBtf : pkg.btfs().isEmpty() ? null : compressBtf(pkg.btfs());
        PackageManifest manifest = new PackageManifest(PackageManifest.SCHEMA_VERSION, pkg.info(),
            BlobDescriptor.of(PackageManifest.META_MEDIA_TYPE, meta),
            BlobDescriptor.of(PackageManifest.OBJECT_MEDIA_TYPE, object), Digest.sha256(pkg.elf()), pkg.elf().length,
            readme == null ? null : BlobDescriptor.of(PackageManifest.README_MEDIA_TYPE, readme),
            btf == null ? null : BlobDescriptor.of(PackageManifest.BTF_MEDIA_TYPE, btf));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, Json.canonical(manifest.toJson()));
        entries.put(META, meta);
        entries.put(OBJECT, object);
        if (readme != null) {
            entries.put(README, readme);
        }
        if (btf != null) {
            entries.put(BTF, btf);
        }
        return Tars.write(entries);
    }

    /** Kernel BTF as the package stores it ({@value #BTF}, and the OCI artifact's BTF layer): a zstd tar. */
    public static byte[] compressBtf(KernelBtfArchive btfs) {
        // Compressed: a tar pads each few-hundred-byte BTF file to a kilobyte and repeats its headers.
        return Zstd.compress(btfs.toTar(), ZSTD_LEVEL);
    }

    /** The kernel BTF of {@link #compressBtf}'s bytes, the frame's declared size bounded before it is inflated. */
    public static KernelBtfArchive decompressBtf(byte[] b) {
        try {
            long size = Zstd.getFrameContentSize(b);
            if (size < 0 || size > MAX_BTF_TAR) {
                throw new PackageFormatException("the zstd frame's size is unknown or over " + MAX_BTF_TAR + " bytes");
            }
            return KernelBtfArchive.read(Zstd.decompress(b, (int) size));
        } catch (ZstdException e) {
            throw new PackageFormatException("not valid zstd data (" + e.getMessage() + ")");
        }
    }

    /** Reads and verifies a package; {@code source} names the file in errors. */
    public static EbpmPackage read(byte[] bytes, String source) {
        return open(bytes, source, size -> { }).pkg();
    }

    /** A verified package with its object exactly as the file stores it (zstd), from one pass over the tar. */
    public record Opened(EbpmPackage pkg, byte[] storedObject) {
    }

    /**
     * Reads and verifies a package. {@code objectSizeCheck} sees the object's declared uncompressed size
     * before anything is inflated, and may throw to refuse it.
     */
    public static Opened open(byte[] bytes, String source, LongConsumer objectSizeCheck) {
        try {
            Map<String, byte[]> entries = untar(bytes);
            return new Opened(read(entries, objectSizeCheck), required(entries, OBJECT));
        } catch (PackageFormatException e) {
            throw e.in(source);
        }
    }

    /** Only the manifest, without verifying the rest: for listing packages cheaply. */
    public static PackageManifest readManifest(byte[] bytes, String source) {
        try {
            Map<String, byte[]> entries = untar(bytes);
            return PackageManifest.read(Json.parse(required(entries, MANIFEST)));
        } catch (PackageFormatException e) {
            throw e.in(source);
        }
    }

    private static EbpmPackage read(Map<String, byte[]> entries, LongConsumer objectSizeCheck) {
        PackageManifest manifest;
        try {
            manifest = PackageManifest.read(Json.parse(required(entries, MANIFEST)));
        } catch (PackageFormatException e) {
            throw e.in(MANIFEST);
        }
        objectSizeCheck.accept(manifest.objectUncompressedSize());
        byte[] metaBytes = required(entries, META);
        manifest.meta().verify(metaBytes, META);
        byte[] object = required(entries, OBJECT);
        manifest.object().verify(object, OBJECT);
        byte[] elf = decompressObject(object, manifest.objectUncompressedSize());
        if (elf.length != manifest.objectUncompressedSize() || !manifest.objectUncompressedDigest().matches(elf)) {
            throw new PackageFormatException(OBJECT + ": the decompressed object does not match uncompressedDigest "
                + manifest.objectUncompressedDigest());
        }
        String readme = null;
        if (manifest.readme() != null) {
            byte[] r = required(entries, README);
            manifest.readme().verify(r, README);
            readme = new String(r, StandardCharsets.UTF_8);
        } else if (entries.containsKey(README)) {
            throw new PackageFormatException(README + " is in the package but not in its manifest");
        }
        KernelBtfArchive btfs = KernelBtfArchive.EMPTY;
        if (manifest.btf() != null) {
            byte[] b = required(entries, BTF);
            manifest.btf().verify(b, BTF);
            try {
                btfs = decompressBtf(b);
            } catch (PackageFormatException e) {
                throw e.in(BTF);
            }
        } else if (entries.containsKey(BTF)) {
            throw new PackageFormatException(BTF + " is in the package but not in its manifest");
        }
        ObjectMeta meta = ObjectMeta.parse(metaBytes, META);
        return new EbpmPackage(manifest.info(), meta, elf, readme, btfs);
    }

    private static byte[] required(Map<String, byte[]> entries, String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new PackageFormatException("the package has no " + name);
        }
        return b;
    }

    /** Decompresses a stored object, refusing one over the limit or unlike its declared size before inflating it. */
    public static byte[] decompressObject(byte[] data, long expected) {
        if (expected > MAX_OBJECT_SIZE) {
            throw new PackageFormatException(OBJECT + ": " + expected + " bytes uncompressed is over the "
                + MAX_OBJECT_SIZE + "-byte limit");
        }
        long frameSize = Zstd.getFrameContentSize(data);
        if (frameSize != expected) {
            throw new PackageFormatException(OBJECT + ": the zstd frame holds " + frameSize
                + " bytes, the manifest says " + expected);
        }
        try {
            return Zstd.decompress(data, (int) expected);
        } catch (ZstdException e) {
            throw new PackageFormatException(OBJECT + ": not valid zstd data (" + e.getMessage() + ")");
        }
    }

    private static Map<String, byte[]> untar(byte[] bytes) {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (!entry.isCheckSumOK()) {
                    throw new PackageFormatException("the tar header of \"" + name + "\" fails its checksum (the "
                        + "file is damaged or was altered)");
                }
                Integer limit = LIMITS.get(name);
                if (limit == null || !entry.isFile()) {
                    throw new PackageFormatException("unexpected entry \"" + name + "\" (an ebpm package holds only "
                        + String.join(", ", MANIFEST, META, OBJECT, README, BTF) + ")");
                }
                if (entries.containsKey(name)) {
                    throw new PackageFormatException("the package holds " + name + " twice");
                }
                if (entry.getSize() > limit) {
                    throw new PackageFormatException(name + " is " + entry.getSize() + " bytes, over the " + limit
                        + "-byte limit");
                }
                entries.put(name, readAll(tar, (int) entry.getSize()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageFormatException("not an ebpm package (not a valid tar archive: " + e.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw new PackageFormatException("not an ebpm package (an empty or non-tar file)");
        }
        return entries;
    }

    private static byte[] readAll(InputStream in, int size) throws IOException {
        byte[] b = in.readNBytes(size);
        if (b.length != size) {
            throw new PackageFormatException("the package is truncated");
        }
        return b;
    }
}
