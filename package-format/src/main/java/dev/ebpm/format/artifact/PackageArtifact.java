package dev.ebpm.format.artifact;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.codec.PackageManifest;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.wasm.WasmFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A package version as an OCI artifact: the manifest (as a model and as the bytes its digest is of), the
 * config blob and the layer (the zstd-compressed BPF object, byte for byte the {@code object.bpf.o.zst} of
 * the {@code .ebpm} file) and, for a package carrying BTF for kernels without their own, a second layer: that
 * BTF, byte for byte the {@code btf.tar.zst} of the {@code .ebpm} file ({@code btf}; null without).
 */
public record PackageArtifact(OciManifest model, byte[] manifest, byte[] config, byte[] layer, byte[] btf) {
    public static final String ARTIFACT_TYPE = "application/vnd.ebpm.package.v1";
    public static final String LAYER_MEDIA_TYPE = PackageManifest.OBJECT_MEDIA_TYPE;
    public static final String BTF_MEDIA_TYPE = PackageManifest.BTF_MEDIA_TYPE;

    /** An artifact without kernel BTF (most packages, and every wasm module). */
    public PackageArtifact(OciManifest model, byte[] manifest, byte[] config, byte[] layer) {
        this(model, manifest, config, layer, null);
    }
    public static final String TITLE = "org.opencontainers.image.title";

    public static PackageArtifact of(EbpmPackage pkg) {
        return of(pkg, EbpmPackageCodec.compressObject(pkg.elf()));
    }

    /** The artifact of a package whose object is already compressed as {@code layer}. */
    public static PackageArtifact of(EbpmPackage pkg, byte[] layer) {
        byte[] config = new PackageConfig(pkg.info(), pkg.readme(), pkg.meta(), Digest.sha256(pkg.elf()),
            pkg.elf().length).toBytes();
        Map<String, String> annotations = annotations(pkg.info());
        List<OciDescriptor> layers = new ArrayList<>();
        layers.add(OciDescriptor.of(LAYER_MEDIA_TYPE, layer).withAnnotations(Map.of(TITLE, EbpmPackageCodec.OBJECT)));
        byte[] btf = pkg.btfs().isEmpty() ? null : EbpmPackageCodec.compressBtf(pkg.btfs());
        if (btf != null) {
            layers.add(OciDescriptor.of(BTF_MEDIA_TYPE, btf).withAnnotations(Map.of(TITLE, EbpmPackageCodec.BTF)));
        }
        OciManifest manifest = new OciManifest(OciManifest.MEDIA_TYPE, ARTIFACT_TYPE,
            OciDescriptor.of(PackageConfig.MEDIA_TYPE, config), layers, null, annotations);
        return new PackageArtifact(manifest, manifest.toBytes(), config, layer, btf);
    }

    /**
     * A wasm-bpf module version: the manifest eunomia's ecli and ORAS push for a module (config
     * {@value WasmFormat#CONFIG_MEDIA_TYPE}, one layer {@value WasmFormat#LAYER_MEDIA_TYPE} titled
     * {@code app.wasm}), with the version's identity in the manifest annotations as for a package. The config
     * is the wasm OCI artifact's (architecture wasm, os wasip1, the layer's digest), written in fixed key
     * order so the same module always gives the same manifest digest.
     */
    public static PackageArtifact wasm(PackageInfo info, byte[] module) {
        OciDescriptor layer = OciDescriptor.of(WasmFormat.LAYER_MEDIA_TYPE, module)
            .withAnnotations(Map.of(TITLE, WasmFormat.DEFAULT_FILE_NAME));
        byte[] config = ("{\"architecture\":\"wasm\",\"os\":\"wasip1\",\"layerDigests\":[\"" + layer.digest()
            + "\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        OciManifest manifest = new OciManifest(OciManifest.MEDIA_TYPE, null,
            OciDescriptor.of(WasmFormat.CONFIG_MEDIA_TYPE, config), List.of(layer), null, annotations(info));
        return new PackageArtifact(manifest, manifest.toBytes(), config, module);
    }

    /** This artifact as an entry of a version's index: its manifest, for {@code arch}. */
    public OciIndex.Variant variant(String arch) {
        return new OciIndex.Variant(new OciDescriptor(OciManifest.MEDIA_TYPE, Digest.sha256(manifest), manifest.length,
            ARTIFACT_TYPE, Map.of(), List.of()), arch);
    }

    /** The index of a version built for several architectures, annotated with the version's identity. */
    public static OciIndex index(PackageInfo info, List<OciIndex.Variant> variants) {
        return OciIndex.of(variants, annotations(info));
    }

    /** Whether a manifest is a wasm module's: a wasm config, or (as some pushers write) any wasm layer. */
    public static boolean isWasm(OciManifest manifest) {
        return WasmFormat.CONFIG_MEDIA_TYPE.equals(manifest.config().mediaType())
            || manifest.layers().stream().anyMatch(l -> WasmFormat.LAYER_MEDIA_TYPE.equals(l.mediaType()));
    }

    /** The module layer of a wasm manifest: the first of the wasm layer type, as eunomia's ecli pull takes. */
    public static OciDescriptor wasmLayer(OciManifest manifest) {
        return manifest.layers().stream().filter(l -> WasmFormat.LAYER_MEDIA_TYPE.equals(l.mediaType())).findFirst()
            .orElseThrow(() -> new PackageFormatException("manifest: a wasm module's manifest has no layer of type "
                + WasmFormat.LAYER_MEDIA_TYPE));
    }

    private static Map<String, String> annotations(PackageInfo info) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(TITLE, info.name());
        annotations.put("org.opencontainers.image.version", info.version());
        if (info.description() != null) {
            annotations.put("org.opencontainers.image.description", info.description());
        }
        if (info.license() != null) {
            annotations.put("org.opencontainers.image.licenses", info.license());
        }
        return annotations;
    }

    /** Whether a manifest claims to be an ebpm package (its blobs are checked by {@link #open}). */
    public static boolean isPackage(OciManifest manifest) {
        return ARTIFACT_TYPE.equals(manifest.artifactType())
            || PackageConfig.MEDIA_TYPE.equals(manifest.config().mediaType());
    }

    /** Rebuilds a package without kernel BTF from a manifest and its two blobs ({@link #open(OciManifest, byte[], byte[], byte[])}). */
    public static EbpmPackage open(OciManifest manifest, byte[] config, byte[] layer) {
        return open(manifest, config, layer, null);
    }

    /**
     * The BTF layer of a package manifest (its second layer, the kernel BTF of {@code ecc --btfgen}), or null
     * when it has none; a second layer of any other type is refused.
     */
    public static OciDescriptor btfLayer(OciManifest manifest) {
        if (manifest.layers().size() < 2) {
            return null;
        }
        OciDescriptor d = manifest.layers().get(1);
        if (manifest.layers().size() > 2 || !BTF_MEDIA_TYPE.equals(d.mediaType())) {
            throw new PackageFormatException("manifest: an ebpm package has one layer of type " + LAYER_MEDIA_TYPE
                + " and, for kernels without BTF, a second of type " + BTF_MEDIA_TYPE);
        }
        return d;
    }

    /**
     * Rebuilds the package from a manifest and its blobs, checking that the blobs are the ones the manifest
     * names, that the layer decompresses (within the size limit) to the object the config names, that the
     * meta parses, and that the BTF layer (when the manifest has one: {@code btf} is then its bytes) is a
     * valid kernel BTF archive.
     */
    public static EbpmPackage open(OciManifest manifest, byte[] config, byte[] layer, byte[] btf) {
        if (!PackageConfig.MEDIA_TYPE.equals(manifest.config().mediaType())) {
            throw new PackageFormatException("manifest: config.mediaType must be " + PackageConfig.MEDIA_TYPE
                + " for an ebpm package, found " + manifest.config().mediaType());
        }
        if (manifest.layers().isEmpty() || !LAYER_MEDIA_TYPE.equals(manifest.layers().get(0).mediaType())) {
            throw new PackageFormatException("manifest: an ebpm package's first layer is the object, of type "
                + LAYER_MEDIA_TYPE);
        }
        OciDescriptor btfRef = btfLayer(manifest);
        verify(manifest.config(), config, "config");
        verify(manifest.layers().get(0), layer, "layer");
        KernelBtfArchive btfs = KernelBtfArchive.EMPTY;
        if (btfRef != null) {
            if (btf == null) {
                throw new PackageFormatException("manifest: the package has a BTF layer, which was not read");
            }
            verify(btfRef, btf, "BTF layer");
            try {
                btfs = EbpmPackageCodec.decompressBtf(btf);
            } catch (PackageFormatException e) {
                throw new PackageFormatException("BTF layer: " + e.getMessage());
            }
        }
        PackageConfig cfg = PackageConfig.parse(config);
        byte[] elf = EbpmPackageCodec.decompressObject(layer, cfg.objectSize());
        if (!cfg.objectDigest().matches(elf)) {
            throw new PackageFormatException("layer: the decompressed object does not match the config's object digest "
                + cfg.objectDigest());
        }
        return new EbpmPackage(cfg.info(), cfg.meta(), elf, cfg.readme(), btfs);
    }

    private static void verify(OciDescriptor d, byte[] content, String what) {
        if (content.length != d.size() || !d.digest().matches(content)) {
            throw new PackageFormatException(what + ": the blob is not the one the manifest names (" + d.digest() + ", "
                + d.size() + " bytes)");
        }
    }
}
