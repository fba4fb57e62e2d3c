package dev.ebpm.registry.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.artifact.OciManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored manifests: kept byte for byte, found by repository and digest, or by the subject they refer to. */
@ApplicationScoped
public class Manifests {
    private final EntityManager em;
    private final ObjectMapper json;

    Manifests(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** Saves a manifest unless the repository has it already; either way returns the stored row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredManifest save(String repository, Digest digest, OciManifest parsed, byte[] content) {
        return save(repository, digest, parsed.mediaType(), parsed.effectiveArtifactType(),
            parsed.subject() == null ? null : parsed.subject().digest(), parsed.annotations(), content);
    }

    private StoredManifest save(String repository, Digest digest, String mediaType, String artifactType,
                                Digest subject, Map<String, String> annotations, byte[] content) {
        Optional<StoredManifest> existing = find(repository, digest);
        if (existing.isPresent()) {
            return existing.get();
        }
        StoredManifest m = new StoredManifest();
        m.repository = repository;
        m.digest = digest.toString();
        m.mediaType = mediaType;
        m.artifactType = artifactType;
        m.content = content;
        m.subject = subject == null ? null : subject.toString();
        try {
            m.annotations = json.writeValueAsString(annotations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.createdAt = OffsetDateTime.now();
        em.persist(m);
        em.flush();
        return m;
    }

    /** An attachment (signature, SBOM, log) to a package: a manifest with a subject and no version of its own. */
    @Transactional
    public StoredManifest saveAttachment(String repository, Digest digest, OciManifest parsed, byte[] content) {
        return save(repository, digest, parsed, content);
    }

    /** One architecture's package manifest, held until an index names it as a variant of a version. */
    @Transactional
    public StoredManifest saveVariant(String repository, Digest digest, OciManifest parsed, byte[] content) {
        return save(repository, digest, parsed, content);
    }

    /** An image index, as a version's manifest (its media type and annotations; no config, no subject). */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredManifest saveIndex(String repository, Digest digest, OciIndex index, byte[] content) {
        return save(repository, digest, OciIndex.MEDIA_TYPE, index.artifactType(), null, index.annotations(), content);
    }

    /**
     * An attachment under cosign's legacy tag ({@code sha256-<hex>.sig}): the manifest is saved and the tag
     * moved to it in one transaction (cosign rewrites the tag to add a signature). Concurrent writers of one
     * tag serialize on its row; the last one wins, as the OCI spec says of this scheme.
     */
    @Transactional
    public StoredManifest saveTagged(String repository, String tag, Digest subject, Digest digest, OciManifest parsed,
                                     byte[] content) {
        StoredManifest m = save(repository, digest, parsed, content);
        em.createNativeQuery("INSERT INTO attachment_tag (repository, name, subject, manifest_id) VALUES (?1, ?2, ?3, ?4) "
                + "ON CONFLICT (repository, name) DO UPDATE SET manifest_id = excluded.manifest_id, updated_at = now()")
            .setParameter(1, repository).setParameter(2, tag).setParameter(3, subject.toString())
            .setParameter(4, m.id).executeUpdate();
        return m;
    }

    /** The manifest a legacy attachment tag names now. */
    @Transactional
    public Optional<StoredManifest> tagged(String repository, String tag) {
        return em.createQuery("select m from StoredManifest m, AttachmentTag t where t.key.repository = :r "
                + "and t.key.name = :n and m.id = t.manifestId", StoredManifest.class)
            .setParameter("r", repository).setParameter("n", tag).getResultList().stream().findFirst();
    }

    @Transactional
    public Optional<StoredManifest> find(String repository, Digest digest) {
        return em.createQuery("from StoredManifest where repository = :r and digest = :d", StoredManifest.class)
            .setParameter("r", repository).setParameter("d", digest.toString()).getResultList().stream().findFirst();
    }

    @Transactional
    public StoredManifest byId(long id) {
        return em.find(StoredManifest.class, id);
    }

    @Transactional
    public List<StoredManifest> referrers(String repository, Digest subject, String artifactType) {
        String q = "from StoredManifest where repository = :r and subject = :s"
            + (artifactType == null ? "" : " and artifactType = :t") + " order by id";
        var query = em.createQuery(q, StoredManifest.class).setParameter("r", repository)
            .setParameter("s", subject.toString());
        if (artifactType != null) {
            query.setParameter("t", artifactType);
        }
        return query.setMaxResults(1000).getResultList();
    }

    @Transactional
    public boolean repositoryHasManifests(String repository) {
        return !em.createQuery("select 1 from StoredManifest where repository = :r", Integer.class)
            .setParameter("r", repository).setMaxResults(1).getResultList().isEmpty();
    }
}
