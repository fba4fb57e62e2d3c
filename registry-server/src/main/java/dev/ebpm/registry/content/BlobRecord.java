package dev.ebpm.registry.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A row of {@code blob}: a stored, verified blob. Which repositories may serve it is {@code repository_blob}. */
@Entity
@Table(name = "blob")
public class BlobRecord {
    @Id
    @Column(columnDefinition = "sha256_digest")
    public String digest;

    @Column(nullable = false)
    public long size;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
