package dev.ebpm.registry.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;

/** A row of {@code manifest}: the exact bytes a client pushed (or the server built), with what referrers need. */
@Entity
@Table(name = "manifest")
public class StoredManifest {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, columnDefinition = "package_name")
    public String repository;

    @Column(nullable = false, columnDefinition = "sha256_digest")
    public String digest;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "artifact_type")
    public String artifactType;

    @Column(nullable = false)
    public byte[] content;

    @Column(columnDefinition = "sha256_digest")
    public String subject;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String annotations;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
