package dev.ebpm.registry.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A row of {@code repository_blob}: this repository may serve this blob. */
@Entity
@Table(name = "repository_blob")
@IdClass(RepositoryBlob.Key.class)
public class RepositoryBlob {
    @Id
    @Column(columnDefinition = "package_name")
    public String repository;

    @Id
    @Column(columnDefinition = "sha256_digest")
    public String digest;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public record Key(String repository, String digest) implements Serializable {
    }
}
