package dev.ebpm.registry.catalog;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.ArrayList;
import java.util.List;

/**
 * One build of a version as stored: its blobs' digests (config, layer, the kernel BTF layer of an
 * {@code ecc --btfgen} package, the .ebpm file the server wrote) and sizes. A version has one
 * ({@link PackageVersion}: its only build, or its first of several); each {@link PackageVariant} has its own.
 */
@Embeddable
public class StoredBuild {
    @Column(name = "config_digest", nullable = false, columnDefinition = "sha256_digest")
    public String configDigest;

    @Column(name = "layer_digest", nullable = false, columnDefinition = "sha256_digest")
    public String layerDigest;

    /** The kernel BTF layer's, for a package built with {@code ecc --btfgen}; null for most. */
    @Column(name = "btf_digest", columnDefinition = "sha256_digest")
    public String btfDigest;

    @Column(name = "package_digest", nullable = false, columnDefinition = "sha256_digest")
    public String packageDigest;

    @Column(name = "package_size", nullable = false)
    public long packageSize;

    @Column(name = "object_size", nullable = false)
    public long objectSize;

    public static StoredBuild of(PackageArtifact a, Digest packageFile, long packageSize, long objectSize) {
        StoredBuild b = new StoredBuild();
        b.configDigest = a.model().config().digest().toString();
        b.layerDigest = a.model().layers().get(0).digest().toString();
        b.btfDigest = a.btf() == null ? null : a.model().layers().get(1).digest().toString();
        b.packageDigest = packageFile.toString();
        b.packageSize = packageSize;
        b.objectSize = objectSize;
        return b;
    }

    /** Every blob the build references (what a publish locks and a removal withdraws). */
    public List<Digest> blobs() {
        List<Digest> all = new ArrayList<>(List.of(Digest.parse(configDigest), Digest.parse(layerDigest)));
        if (btfDigest != null) {
            all.add(Digest.parse(btfDigest));
        }
        all.add(Digest.parse(packageDigest));
        return all;
    }
}
