package dev.ebpm.registry.catalog;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of {@code version_removal}: the audit record of a version an admin took down, and why. */
@Entity
@Table(name = "version_removal")
public class VersionRemoval {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "version_id", nullable = false)
    public long versionId;

    @Column(name = "package_name", nullable = false, columnDefinition = "package_name")
    public String packageName;

    @Column(nullable = false)
    public String version;

    @Column(name = "manifest_digest", nullable = false, columnDefinition = "sha256_digest")
    public String manifestDigest;

    @Column(name = "removed_by")
    public Long removedBy;

    @Column(name = "removed_by_name", nullable = false)
    public String removedByName;

    @Column(name = "removed_at", nullable = false)
    public OffsetDateTime removedAt;

    @Column(nullable = false)
    public String reason;

    /** What every read of the version answers: 410, with when and why. */
    public ApiException gone() {
        return new ApiException(410, ErrorCode.VERSION_REMOVED, packageName + "@" + version
            + " was removed from this registry on " + removedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
            + ": " + reason);
    }
}
