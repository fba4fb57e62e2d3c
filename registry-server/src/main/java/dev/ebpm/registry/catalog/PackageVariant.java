package dev.ebpm.registry.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    @Embedded
    public StoredBuild build;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String details;
}
