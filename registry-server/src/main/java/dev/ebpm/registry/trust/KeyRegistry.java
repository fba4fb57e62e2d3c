package dev.ebpm.registry.trust;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.trust.PublicKeyPem;
import dev.ebpm.format.trust.TrustedKey;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public keys this hub knows: publishers' keys, registered and revoked by admins, and the hub's own.
 * ecli learns revocations from {@code GET /api/v1/keys}; the catalog's "verified" badges use these keys.
 */
@ApplicationScoped
public class KeyRegistry {
    static final int MAX_NAME = 100;
    static final int MAX_REASON = 500;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final EntityManager em;

    KeyRegistry(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public List<KeyView> list() {
        return rows().stream().map(KeyView::of).toList();
    }

    private List<SigningKeyRow> rows() {
        return em.createQuery("from SigningKeyRow order by createdAt, fingerprint", SigningKeyRow.class)
            .setMaxResults(10_000).getResultList();
    }

    @Transactional
    public KeyView register(KeyRequest request, Caller caller) {
        if (request == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "expected {\"name\": ..., \"publicKey\": PEM}");
        }
        String name = Inputs.requiredText("a key's name", request.name(), MAX_NAME).strip();
        String pem = Inputs.requiredText("the public key", request.publicKey(), 4096);
        TrustedKey key;
        try {
            key = PublicKeyPem.read(pem.getBytes(StandardCharsets.US_ASCII), "the public key", name);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.KEY_INVALID, e.getMessage());
        }
        if (em.find(SigningKeyRow.class, key.fingerprint()) != null) {
            throw ApiException.conflict(ErrorCode.KEY_EXISTS, "the key " + key.fingerprint() + " is registered already");
        }
        return KeyView.of(insert(key, name, SigningKeyRow.PUBLISHER, caller == null ? null : caller.tokenId()));
    }

    /** Records the hub's public key (once: replicas sharing a key all call this at start). */
    @Transactional
    public void ensureHub(TrustedKey key) {
        if (em.find(SigningKeyRow.class, key.fingerprint()) == null) {
            em.createNativeQuery("INSERT INTO signing_key (fingerprint, name, kind, public_pem) VALUES (?1, ?2, 'hub', ?3) "
                    + "ON CONFLICT (fingerprint) DO NOTHING")
                .setParameter(1, key.fingerprint()).setParameter(2, "hub").setParameter(3, key.pem()).executeUpdate();
        }
    }

    private SigningKeyRow insert(TrustedKey key, String name, String kind, Long by) {
        SigningKeyRow r = new SigningKeyRow();
        r.fingerprint = key.fingerprint();
        r.name = name;
        r.kind = kind;
        r.publicPem = key.pem();
        r.createdAt = OffsetDateTime.now();
        r.createdBy = by;
        em.persist(r);
        return r;
    }

    @Transactional
    public KeyView revoke(String fingerprint, RevokeRequest request) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw ApiException.badRequest(ErrorCode.KEY_INVALID, "a key fingerprint is 64 lowercase hex digits");
        }
        String reason = Inputs.requiredText("a revocation reason", request == null ? null : request.reason(), MAX_REASON);
        SigningKeyRow r = em.find(SigningKeyRow.class, fingerprint);
        if (r == null) {
            throw ApiException.notFound(ErrorCode.KEY_UNKNOWN, "no key " + fingerprint + " is registered");
        }
        if (r.revokedAt == null) {
            r.revokedAt = OffsetDateTime.now();
            r.revokedReason = reason.strip();
        }
        return KeyView.of(r);
    }

    /**
     * Every key this hub knows, revoked ones too (so a revoked key's signature is named as such, not as
     * unknown), with the revocations and each key's kind: one read for a whole page of signatures.
     */
    public record Known(List<TrustedKey> keys, Map<String, String> revoked, Map<String, String> kinds) {
    }

    @Transactional
    public Known known() {
        List<TrustedKey> keys = new java.util.ArrayList<>();
        Map<String, String> revoked = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (SigningKeyRow r : rows()) {
            keys.add(PublicKeyPem.read(r.publicPem.getBytes(StandardCharsets.US_ASCII), "key " + r.fingerprint, r.name));
            kinds.put(r.fingerprint, r.kind);
            if (r.revokedAt != null) {
                revoked.put(r.fingerprint, r.revokedReason);
            }
        }
        return new Known(keys, revoked, kinds);
    }
}
