package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.content.BlobBytes;
import jakarta.enterprise.context.ApplicationScoped;

/** A version as a file: the {@code .ebpm} package, or eunomia's {@code package.json} rebuilt from it. */
@ApplicationScoped
public class PackageFiles {
    private final BlobBytes store;

    public PackageFiles(BlobBytes store) {
        this.store = store;
    }

    /** The version's package file: its .ebpm, or for a wasm module the module (app.wasm). */
    public byte[] packageFile(PackageVersion v) {
        return packageFile(v.packageDigest, v.packageSize);
    }

    /** A package file by its digest and size: a version's, or one of its arch variants'. */
    public byte[] packageFile(String digest, long size) {
        return store.read(Digest.parse(digest), size);
    }

    /** What eunomia's own {@code ecli} runs: the same program and meta, the object zlib-compressed in base64. */
    public byte[] eunomiaJson(PackageVersion v) {
        return eunomiaJson(v.packageDigest, v.packageSize);
    }

    public byte[] eunomiaJson(String digest, long size) {
        return EunomiaPackageCodec.writeJson(EbpmPackageCodec.read(packageFile(digest, size), digest).toEunomia());
    }
}
