package dev.ebpm.registry.catalog;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.VersionRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Finding packages, their versions and tags, and resolving a version or tag to a version. */
@ApplicationScoped
public class PackageLookup {
    private final EntityManager em;

    PackageLookup(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Optional<Package> find(PackageName name) {
        return em.createQuery("from Package where name = :n", Package.class).setParameter("n", name.value())
            .getResultList().stream().findFirst();
    }

    public Package require(PackageName name) {
        return find(name).orElseThrow(() -> ApiException.packageUnknown(name.value()));
    }

    /** The package, locked until the transaction ends, so its versions and tags change one writer at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Package lock(PackageName name) {
        return em.createQuery("from Package where name = :n", Package.class).setParameter("n", name.value())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst()
            .orElseThrow(() -> ApiException.packageUnknown(name.value()));
    }

    @Transactional
    public List<PackageVersion> versions(Package p) {
        return em.createQuery("from PackageVersion where packageId = :p", PackageVersion.class)
            .setParameter("p", p.id).getResultList();
    }

    @Transactional
    public Optional<PackageVersion> version(Package p, SemVer version) {
        return em.createQuery("from PackageVersion where packageId = :p and version = :v", PackageVersion.class)
            .setParameter("p", p.id).setParameter("v", version.toString()).getResultList().stream().findFirst();
    }

    /** A version, which must be there: 404 if it never was, 410 if it was removed. */
    @Transactional
    public PackageVersion existing(Package p, SemVer version) {
        PackageVersion v = version(p, version).orElseThrow(() -> ApiException.versionUnknown(p.name,
            version.toString()));
        if (v.removed()) {
            throw removal(v).gone();
        }
        return v;
    }

    @Transactional
    public PackageVersion versionById(long id) {
        return em.find(PackageVersion.class, id);
    }

    @Transactional
    public List<Tag> tags(Package p) {
        return em.createQuery("from Tag where packageId = :p order by name", Tag.class).setParameter("p", p.id)
            .getResultList();
    }

    /** The audit record of a removed version. */
    @Transactional
    public VersionRemoval removal(PackageVersion v) {
        return em.createQuery("from VersionRemoval where versionId = :v", VersionRemoval.class)
            .setParameter("v", v.id).getSingleResult();
    }

    /**
     * The removal of the version whose manifest this was, if it was removed: the version's own manifest, or
     * (for a version built for several architectures) one of its variants'.
     */
    @Transactional
    public Optional<VersionRemoval> removalOf(PackageName name, Digest manifest) {
        Optional<VersionRemoval> own = em.createQuery("from VersionRemoval where packageName = :n and "
                + "manifestDigest = :d", VersionRemoval.class)
            .setParameter("n", name.value()).setParameter("d", manifest.toString()).getResultList().stream()
            .findFirst();
        if (own.isPresent()) {
            return own;
        }
        return em.createQuery("select r from VersionRemoval r, PackageVariant pv, StoredManifest m where "
                + "r.versionId = pv.versionId and pv.manifestId = m.id and m.repository = :n and m.digest = :d",
                VersionRemoval.class)
            .setParameter("n", name.value()).setParameter("d", manifest.toString()).getResultList().stream()
            .findFirst();
    }

    /** A version's arch variants in index order; empty for a version built once for every architecture. */
    @Transactional
    public List<PackageVariant> variants(PackageVersion v) {
        return em.createQuery("from PackageVariant where versionId = :v order by position", PackageVariant.class)
            .setParameter("v", v.id).getResultList();
    }

    /**
     * Resolves a version number, a tag or {@code latest}. Versions are pinned and resolve even when yanked
     * (but not once removed: 410); tags are not, so a tag on a yanked version does not resolve, and
     * {@code latest} then falls back to the computed latest.
     */
    @Transactional
    public ResolvedVersion resolve(PackageName name, VersionRef reference) {
        Package p = require(name);
        return new ResolvedVersion(p, resolve(p, reference, versions(p), tags(p)));
    }

    PackageVersion resolve(Package p, VersionRef reference, List<PackageVersion> versions, List<Tag> tags) {
        if (reference.isPinned()) {
            return existing(p, reference.version());
        }
        TagName tag = reference.tag();
        Optional<Tag> explicit = tags.stream().filter(t -> t.name.equals(tag.value())).findFirst();
        if (explicit.isPresent()) {
            PackageVersion v = versions.stream().filter(x -> x.id == explicit.get().versionId).findFirst()
                .orElseThrow();
            if (!v.yanked) {
                return v;
            }
            if (!tag.isLatest()) {
                throw ApiException.notFound(ErrorCode.TAG_UNKNOWN, p.name + ":" + tag + " points at "
                    + v.version + ", which is yanked");
            }
        }
        if (tag.isLatest()) {
            return Versions.latest(versions).orElseThrow(() -> ApiException.notFound(
                ErrorCode.TAG_UNKNOWN, p.name + " has no version that is neither yanked nor removed"));
        }
        throw ApiException.notFound(ErrorCode.TAG_UNKNOWN, p.name + " has no tag " + tag);
    }
}
