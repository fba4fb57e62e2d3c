package dev.ebpm.registry.trust;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A row of {@code signing_key}: a public key, never a private one. */
@Entity
@Table(name = "signing_key")
public class SigningKeyRow {
    public static final String PUBLISHER = "publisher";

    @Id
    public String fingerprint;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(name = "public_pem", nullable = false)
    public String publicPem;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_reason")
    public String revokedReason;
}
