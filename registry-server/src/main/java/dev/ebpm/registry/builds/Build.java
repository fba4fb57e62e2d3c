package dev.ebpm.registry.builds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code build}. */
@Entity
@Table(name = "build")
public class Build {
    public enum State { queued, running, succeeded, failed }

    @Id
    public UUID id;

    @Column(name = "package_name", nullable = false, columnDefinition = "package_name")
    public String packageName;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String state;

    @Column(name = "source_digest", nullable = false, columnDefinition = "sha256_digest")
    public String sourceDigest;

    @Column(name = "source_size", nullable = false)
    public long sourceSize;

    @Column(nullable = false)
    public String log;

    public String error;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "lease_id")
    public UUID leaseId;

    @Column(name = "lease_expires_at")
    public OffsetDateTime leaseExpiresAt;

    public String worker;

    @Column(name = "version_id")
    public Long versionId;

    @Column(name = "requested_by")
    public Long requestedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The lease a worker finished the build under: its repeated report is answered, not refused. */
    @Column(name = "finished_lease")
    public UUID finishedLease;

    /** The last {@code Ebpm-Log-Sequence} appended under the current lease (0: none yet). */
    @Column(name = "log_sequence", nullable = false)
    public long logSequence;

    /** What the worker reported about where it built (JSON of a {@code BuildEnvironment}), signed into provenance. */
    @Column(columnDefinition = "jsonb")
    @org.hibernate.annotations.ColumnTransformer(write = "?::jsonb")
    public String environment;

    public boolean finishedUnder(UUID lease) {
        return lease != null && lease.equals(finishedLease);
    }
}
