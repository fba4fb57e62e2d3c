package dev.ebpm.registry.content;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A row of {@code attachment_tag}: cosign's {@code sha256-<hex>.sig} name for an attachment of {@code subject}. */
@Entity
@Table(name = "attachment_tag")
public class AttachmentTag {
    @Embeddable
    public record Key(@Column(columnDefinition = "package_name") String repository, String name) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, columnDefinition = "sha256_digest")
    public String subject;

    @Column(name = "manifest_id", nullable = false)
    public long manifestId;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
