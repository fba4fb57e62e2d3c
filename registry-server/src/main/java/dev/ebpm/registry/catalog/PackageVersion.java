package dev.ebpm.registry.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of {@code package_version}: an immutable version, its blobs' digests and what was derived from them.
 * Updates write only the changed columns, so a yank never overwrites the download counter's additions.
 */
@Entity
@DynamicUpdate
@Table(name = "package_version")
public class PackageVersion {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "package_id", nullable = false)
    public long packageId;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public boolean prerelease;

    @Column(name = "manifest_id", nullable = false)
    public long manifestId;

    @Embedded
    public StoredBuild build;

    /** {@link #PACKAGE} (a declarative package) or {@link #WASM} (a wasm-bpf module: the package file is app.wasm). */
    @Column(nullable = false)
    public String kind = PACKAGE;

    public static final String PACKAGE = "package";
    public static final String WASM = "wasm";

    public boolean isWasm() {
        return WASM.equals(kind);
    }

    public String description;

    public String license;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] keywords;

    public String readme;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String details;

    @Column(nullable = false)
    public boolean yanked;

    @Column(name = "yanked_reason")
    public String yankedReason;

    @Column(nullable = false)
    public long downloads;

    @Column(name = "published_at", nullable = false)
    public OffsetDateTime publishedAt;

    @Column(name = "published_by")
    public Long publishedBy;

    @Column(name = "build_id")
    public UUID buildId;

    /** Set when an admin removed the version: its number stays taken, nothing of it is served. */
    @Column(name = "removed_at")
    public OffsetDateTime removedAt;

    public boolean removed() {
        return removedAt != null;
    }
}
