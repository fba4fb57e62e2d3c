package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.catalog.StoredBuild;
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
        return packageFile(v.build);
    }

    /** A build's package file: a version's, or one of its arch variants'. */
    public byte[] packageFile(StoredBuild b) {
        return store.read(Digest.parse(b.packageDigest), b.packageSize);
    }

    /** What eunomia's own {@code ecli} runs: the same program and meta, the object zlib-compressed in base64. */
    public byte[] eunomiaJson(StoredBuild b) {
        return EunomiaPackageCodec.writeJson(EbpmPackageCodec.read(packageFile(b), b.packageDigest).toEunomia());
    }
}
