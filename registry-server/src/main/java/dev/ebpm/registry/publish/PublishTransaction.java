package dev.ebpm.registry.publish;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.catalog.CatalogChanges;
import dev.ebpm.registry.catalog.Package;
import dev.ebpm.registry.catalog.PackageLookup;
import dev.ebpm.registry.catalog.PackageVariant;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.catalog.StoredBuild;
import dev.ebpm.registry.content.BlobLocks;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.content.StoredManifest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of one publish, all or nothing: blob rows and repository links, the manifest, the version, its
 * tags and the package's search fields. The package row is locked first, so publishes of one package take
 * turns and UNIQUE(package_id, version) stays the last line of defence; then the blobs' shared locks, so
 * no removal deletes a blob this version is about to reference.
 */
@ApplicationScoped
public class PublishTransaction {
    private final EntityManager em;
    private final PackageLookup lookup;
    private final CatalogChanges changes;
    private final Manifests manifests;
    private final BlobService blobs;
    private final BlobLocks locks;

    PublishTransaction(EntityManager em, PackageLookup lookup, CatalogChanges changes, Manifests manifests,
                       BlobService blobs, BlobLocks locks) {
        this.em = em;
        this.lookup = lookup;
        this.changes = changes;
        this.manifests = manifests;
        this.blobs = blobs;
        this.locks = locks;
    }

    /** The {@code .ebpm} file the server built for the version, already in the object store. */
    record PackageFile(Digest digest, byte[] content) {
    }

    @Transactional
    public PublishResult insert(PublishRequest r, PackageFile file, String details) {
        PackageArtifact a = r.artifact();
        Digest manifestDigest = Digest.sha256(a.manifest());
        Package p = lockPackage(r.name());
        Optional<PackageVersion> existing = lookup.version(p, r.version());
        if (existing.isPresent()) {
            return republished(r, p, existing.get(), manifestDigest);
        }
        recordBlobs(r, file);
        StoredManifest m = manifests.save(p.name, manifestDigest, a.model(), a.manifest());
        PackageVersion v = version(p, r, file, details, m.id);
        r.tags().forEach(tag -> changes.moveTag(p, tag, v));
        changes.refreshSearchFields(p, lookup.versions(p));
        return new PublishResult(p.name, v.version, manifestDigest, v.id, true);
    }

    /**
     * A version built for several architectures: the index is the version's manifest, the first variant
     * fills the version row, and every variant gets its row. The variants' manifests were stored when they
     * were pushed.
     */
    @Transactional
    public PublishResult insertVariants(VariantsRequest r, List<PublishService.Prepared> prepared) {
        Digest indexDigest = Digest.sha256(r.indexBytes());
        Package p = lockPackage(r.name());
        Optional<PackageVersion> existing = lookup.version(p, r.version());
        if (existing.isPresent()) {
            return republished(r.variants().get(0), p, existing.get(), indexDigest);
        }
        // Every build's blobs locked in one go, so the locks are taken in digest order as a removal takes them.
        List<StoredBuild> builds = new ArrayList<>();
        List<Digest> all = new ArrayList<>();
        for (int i = 0; i < r.variants().size(); i++) {
            builds.add(build(r.variants().get(i), prepared.get(i).file()));
            all.addAll(builds.get(i).blobs());
        }
        locks.shared(all);
        List<StoredManifest> variantManifests = new ArrayList<>();
        for (int i = 0; i < r.variants().size(); i++) {
            PublishRequest variant = r.variants().get(i);
            recordBlobs(variant, prepared.get(i).file());
            variantManifests.add(manifests.save(p.name, Digest.sha256(variant.artifact().manifest()),
                variant.artifact().model(), variant.artifact().manifest()));
        }
        StoredManifest index = manifests.saveIndex(p.name, indexDigest, r.index(), r.indexBytes());
        PackageVersion v = version(p, r.variants().get(0), prepared.get(0).file(), prepared.get(0).details(), index.id);
        for (int i = 0; i < r.variants().size(); i++) {
            PackageVariant row = new PackageVariant();
            row.versionId = v.id;
            row.arch = r.variants().get(i).pkg().info().arch();
            row.position = i;
            row.manifestId = variantManifests.get(i).id;
            row.build = builds.get(i);
            row.details = prepared.get(i).details();
            em.persist(row);
        }
        em.flush();
        changes.refreshSearchFields(p, lookup.versions(p));
        return new PublishResult(p.name, v.version, indexDigest, v.id, true);
    }

    private Package lockPackage(PackageName name) {
        em.createNativeQuery("INSERT INTO package (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")
            .setParameter(1, name.value()).executeUpdate();
        return lookup.lock(name);
    }

    private PackageVersion version(Package p, PublishRequest r, PackageFile file, String details, long manifestId) {
        EbpmPackage pkg = r.pkg();
        PackageVersion v = new PackageVersion();
        v.packageId = p.id;
        v.version = r.version().toString();
        v.prerelease = r.version().isPreRelease();
        v.manifestId = manifestId;
        v.build = build(r, file);
        v.kind = r.isModule() ? PackageVersion.WASM : PackageVersion.PACKAGE;
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
        return v;
    }

    /**
     * The version number is taken. Still fine: an OCI client pushing the identical manifest again, or a
     * worker repeating the report of the build that published it. Otherwise 409, and a removed version's
     * number stays taken too.
     */
    private PublishResult republished(PublishRequest r, Package p, PackageVersion v, Digest manifestDigest) {
        String id = p.name + "@" + v.version;
        if (v.removed()) {
            throw ApiException.conflict(ErrorCode.VERSION_EXISTS, id + " was removed from this registry and version "
                + "numbers are never reused; publish a new version");
        }
        boolean sameBuild = r.buildId() != null && r.buildId().equals(v.buildId);
        boolean samePush = r.pushed() && manifests.byId(v.manifestId).digest.equals(manifestDigest.toString());
        if (!sameBuild && !samePush) {
            throw ApiException.conflict(ErrorCode.VERSION_EXISTS, id + " is already published and versions are "
                + "immutable; publish a new version");
        }
        r.tags().forEach(tag -> changes.moveTag(p, tag, v));
        return new PublishResult(p.name, v.version, Digest.parse(manifests.byId(v.manifestId).digest), v.id, false);
    }

    /**
     * Under the blobs' shared locks: a blob with a row is in the object store (a deletion removes both under
     * the exclusive lock); one without may have been deleted since it was put, so it is put again if so.
     * Pushed config and layer were recorded by their blob pushes and must still be.
     */
    private void recordBlobs(PublishRequest r, PackageFile file) {
        PackageArtifact a = r.artifact();
        Digest config = a.model().config().digest();
        Digest layer = a.model().layers().get(0).digest();
        Digest btf = a.btf() == null ? null : a.model().layers().get(1).digest();
        List<Digest> pushedBlobs = btf == null ? List.of(config, layer) : List.of(config, layer, btf);
        List<Digest> all = build(r, file).blobs();
        locks.shared(all);
        Set<String> recorded = blobs.recorded(all);
        if (r.pushed()) {
            for (Digest d : pushedBlobs) {
                if (!recorded.contains(d.toString())) {
                    throw ApiException.badRequest(ErrorCode.MANIFEST_BLOB_UNKNOWN, "the manifest names blob " + d
                        + ", which is no longer in " + r.name() + "; push it again");
                }
                blobs.link(r.name().value(), d);
            }
        } else {
            record(recorded, config, a.config(), r.name().value());
            record(recorded, layer, a.layer(), r.name().value());
            if (btf != null) {
                record(recorded, btf, a.btf(), r.name().value());
            }
        }
        if (!file.digest().equals(layer)) {
            // (A module's package file is its layer, recorded above.)
            record(recorded, file.digest(), file.content(), null);
        }
    }

    /** What the rows record of a version's (or one variant's) build. */
    private static StoredBuild build(PublishRequest r, PackageFile file) {
        return StoredBuild.of(r.artifact(), file.digest(), file.content().length, r.pkg().elf().length);
    }

    private void record(Set<String> recorded, Digest d, byte[] content, String repository) {
        if (!recorded.contains(d.toString())) {
            blobs.putObject(d, content);
        }
        blobs.record(d, content.length, repository);
    }
}
