package dev.ebpm.registry.publish;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.Package;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.oci.Manifests;
import dev.ebpm.registry.oci.StoredManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The rows of one publish, all or nothing. The package row is locked first, so publishes of one package
 * take turns: the version check, the insert, the tags and the search fields then see a stable package,
 * and UNIQUE(package_id, version) stays the last line of defence.
 */
@ApplicationScoped
public class PublishTransaction {
    private final EntityManager em;
    private final CatalogService catalog;
    private final Manifests manifests;

    PublishTransaction(EntityManager em, CatalogService catalog, Manifests manifests) {
        this.em = em;
        this.catalog = catalog;
        this.manifests = manifests;
    }

    @Transactional
    public PublishResult insert(PublishRequest r, Digest manifestDigest, Digest packageDigest, long packageSize,
                                String details) {
        em.createNativeQuery("INSERT INTO package (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")
            .setParameter(1, r.name()).executeUpdate();
        Package p = catalog.lock(r.name());
        Optional<PackageVersion> existing = catalog.version(p, r.version());
        if (existing.isPresent()) {
            PackageVersion v = existing.get();
            if (r.idempotent() && manifests.byId(v.manifestId).digest.equals(manifestDigest.toString())) {
                r.tags().forEach(tag -> catalog.moveTag(p, tag, v));
                return new PublishResult(r.name(), r.version(), manifestDigest, v.id, false);
            }
            throw ApiException.conflict(ErrorCode.VERSION_EXISTS, r.name() + "@" + r.version() + " is already "
                + "published and versions are immutable; publish a new version");
        }
        StoredManifest m = manifests.save(r.name(), manifestDigest, r.parsedManifest(), r.manifest());
        EbpmPackage pkg = r.pkg();
        PackageVersion v = new PackageVersion();
        v.packageId = p.id;
        v.version = r.version();
        v.prerelease = SemVer.parse(r.version()).isPreRelease();
        v.manifestId = m.id;
        v.configDigest = r.parsedManifest().config().digest().toString();
        v.layerDigest = r.parsedManifest().layers().get(0).digest().toString();
        v.packageDigest = packageDigest.toString();
        v.packageSize = packageSize;
        v.objectSize = pkg.elf().length;
        v.description = pkg.info().description();
        v.license = pkg.info().license();
        v.keywords = pkg.info().keywords().toArray(String[]::new);
        v.readme = pkg.readme();
        v.details = details;
        v.publishedAt = OffsetDateTime.now();
        v.publishedBy = r.caller() == null ? null : r.caller().tokenId();
        v.buildId = r.buildId();
        em.persist(v);
        em.flush();
        r.tags().forEach(tag -> catalog.moveTag(p, tag, v));
        catalog.refreshSearchFields(p, catalog.versions(p));
        return new PublishResult(r.name(), r.version(), manifestDigest, v.id, true);
    }
}
