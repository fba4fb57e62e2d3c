package dev.ebpm.registry.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A row of {@code tag}: a movable name for one version of a package. */
@Entity
@Table(name = "tag")
@IdClass(Tag.Key.class)
public class Tag {
    @Id
    @Column(name = "package_id")
    public long packageId;

    @Id
    public String name;

    @Column(name = "version_id", nullable = false)
    public long versionId;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public record Key(long packageId, String name) implements Serializable {
    }
}
