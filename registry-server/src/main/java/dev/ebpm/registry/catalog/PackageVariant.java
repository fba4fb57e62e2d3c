package dev.ebpm.registry.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A row of {@code package_variant}: one architecture's build of a version whose manifest is an image index.
 * As immutable as its version; {@code position} is its place in the index.
 */
@Entity
@Table(name = "package_variant")
public class PackageVariant {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "version_id", nullable = false)
    public long versionId;

    @Column(nullable = false)
    public String arch;

    @Column(nullable = false)
    public int position;

    @Column(name = "manifest_id", nullable = false)
    public long manifestId;

    @Column(name = "config_digest", nullable = false, columnDefinition = "sha256_digest")
    public String configDigest;

    @Column(name = "layer_digest", nullable = false, columnDefinition = "sha256_digest")
    public String layerDigest;

    @Column(name = "package_digest", nullable = false, columnDefinition = "sha256_digest")
    public String packageDigest;

    /** The kernel BTF layer's, for a package built with {@code ecc --btfgen}; null for most. */
    @Column(name = "btf_digest", columnDefinition = "sha256_digest")
    public String btfDigest;

    @Column(name = "package_size", nullable = false)
    public long packageSize;

    @Column(name = "object_size", nullable = false)
    public long objectSize;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String details;
}
