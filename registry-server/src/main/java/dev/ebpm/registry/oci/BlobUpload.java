package dev.ebpm.registry.oci;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code blob_upload}: a chunked upload session and how many bytes it has received. */
@Entity
@Table(name = "blob_upload")
public class BlobUpload {
    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "package_name")
    public String repository;

    @Column(nullable = false)
    public long received;

    /** Chunks stored in the bucket so far, at uploads/ID/0 .. parts-1. */
    @Column(nullable = false)
    public int parts;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
