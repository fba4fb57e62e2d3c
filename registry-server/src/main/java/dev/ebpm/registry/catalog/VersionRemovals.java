package dev.ebpm.registry.catalog;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.content.BlobLocks;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.reference.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Taking a version down (malware, a leaked secret, a legal demand), in one transaction: the version is marked
 * removed (its number stays taken forever), an audit record says who, when and why, its tags go, the
 * repository stops serving its blobs, and blobs no other version anywhere needs are deleted from the
 * object store. The caches of all of it are told when the transaction commits.
 */
@ApplicationScoped
public class VersionRemovals {
    public static final int MAX_REASON = 1000;

    private final EntityManager em;
    private final PackageLookup lookup;
    private final CatalogChanges changes;
    private final Manifests manifests;
    private final BlobService blobs;
    private final BlobLocks locks;

    VersionRemovals(EntityManager em, PackageLookup lookup, CatalogChanges changes, Manifests manifests,
                    BlobService blobs, BlobLocks locks) {
        this.em = em;
        this.lookup = lookup;
        this.changes = changes;
        this.manifests = manifests;
        this.blobs = blobs;
        this.locks = locks;
    }

    /** Removes a version; removing it again answers the same record. */
    @Transactional
    public RemovalView remove(PackageName name, SemVer version, String reason, Caller admin) {
        Inputs.requiredText("the removal reason", reason, MAX_REASON);
        Package p = lookup.lock(name);
        PackageVersion v = lookup.version(p, version).orElseThrow(() -> ApiException.versionUnknown(p.name,
            version.toString()));
        if (v.removed()) {
            return RemovalView.from(lookup.removal(v));
        }
        VersionRemoval r = new VersionRemoval();
        r.versionId = v.id;
        r.packageName = p.name;
        r.version = v.version;
        r.manifestDigest = manifests.byId(v.manifestId).digest;
        r.removedBy = admin.tokenId();
        r.removedByName = admin.tokenName();
        r.removedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        r.reason = reason;
        em.persist(r);
        v.removedAt = r.removedAt;
        em.createNativeQuery("DELETE FROM tag WHERE version_id = ?1").setParameter(1, v.id).executeUpdate();
        em.flush();
        withdrawBlobs(p, v);
        changes.refreshSearchFields(p, lookup.versions(p));
        return RemovalView.from(r);
    }

    /**
     * The repository keeps a blob only for another of its versions; the object store keeps it only for
     * another version anywhere. The blobs' exclusive locks keep a concurrent publish from starting to use
     * one between the check and the deletion.
     */
    private void withdrawBlobs(Package p, PackageVersion v) {
        Set<Digest> all = new LinkedHashSet<>(v.build.blobs());
        lookup.variants(v).forEach(variant -> all.addAll(variant.build.blobs()));
        locks.exclusive(all);
        List<Digest> unlink = new ArrayList<>();
        List<Digest> delete = new ArrayList<>();
        for (Digest d : all) {
            if (!usedBy(d, Optional.of(p))) {
                unlink.add(d);
            }
            if (!usedBy(d, Optional.empty())) {
                delete.add(d);
            }
        }
        blobs.unlink(p.name, unlink);
        blobs.delete(delete);
    }

    /** Whether a version (or a variant of one) that is not removed, of {@code within} or any package, references the blob. */
    private boolean usedBy(Digest d, Optional<Package> within) {
        String scope = within.isPresent() ? " AND v.package_id = ?2" : "";
        var query = em.createNativeQuery("SELECT (SELECT count(*) FROM package_version v WHERE v.removed_at IS NULL "
                + "AND (v.config_digest = ?1 OR v.layer_digest = ?1 OR v.package_digest = ?1 OR v.btf_digest = ?1)"
                + scope + ") + "
                + "(SELECT count(*) FROM package_variant pv JOIN package_version v ON v.id = pv.version_id WHERE "
                + "v.removed_at IS NULL AND (pv.config_digest = ?1 OR pv.layer_digest = ?1 OR pv.package_digest = ?1 "
                + "OR pv.btf_digest = ?1)"
                + scope + ")")
            .setParameter(1, d.toString());
        within.ifPresent(x -> query.setParameter(2, x.id));
        return ((Number) query.getSingleResult()).longValue() > 0;
    }

    /** Every removal, newest first. */
    @Transactional
    public List<RemovalView> list() {
        return em.createQuery("from VersionRemoval order by removedAt desc, id desc", VersionRemoval.class)
            .getResultStream().map(RemovalView::from).toList();
    }
}
