package dev.ebpm.registry.catalog;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.oci.Manifests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Reading the catalog and the few changes that are not publishes: yank, unyank, tags. */
@ApplicationScoped
public class CatalogService {
    private final EntityManager em;
    private final Manifests manifests;
    private final StoredDetails details;
    private final Event<PackageChanged> changed;

    CatalogService(EntityManager em, Manifests manifests, StoredDetails details, Event<PackageChanged> changed) {
        this.changed = changed;
        this.em = em;
        this.manifests = manifests;
        this.details = details;
    }

    public static void checkName(String name) {
        String problem = PackageName.problem(name);
        if (problem != null) {
            throw ApiException.badRequest(ErrorCode.NAME_INVALID, problem);
        }
    }

    public static void checkVersion(String version) {
        try {
            SemVer.parse(version);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ErrorCode.VERSION_INVALID, e.getMessage());
        }
    }

    @Transactional
    public Optional<Package> find(String name) {
        return em.createQuery("from Package where name = :n", Package.class).setParameter("n", name)
            .getResultList().stream().findFirst();
    }

    /** The package, locked until the transaction ends, so its versions and tags change one writer at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Package lock(String name) {
        return em.createQuery("from Package where name = :n", Package.class).setParameter("n", name)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst()
            .orElseThrow(() -> ApiException.packageUnknown(name));
    }

    public Package require(String name) {
        checkName(name);
        return find(name).orElseThrow(() -> ApiException.packageUnknown(name));
    }

    @Transactional
    public List<PackageVersion> versions(Package p) {
        return em.createQuery("from PackageVersion where packageId = :p", PackageVersion.class)
            .setParameter("p", p.id).getResultList();
    }

    @Transactional
    public Optional<PackageVersion> version(Package p, String version) {
        return em.createQuery("from PackageVersion where packageId = :p and version = :v", PackageVersion.class)
            .setParameter("p", p.id).setParameter("v", version).getResultList().stream().findFirst();
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

    /**
     * Resolves a version number, a tag or {@code latest}. Versions are pinned and resolve even when yanked;
     * tags are not, so a tag on a yanked version does not resolve, and {@code latest} then falls back to the
     * computed latest.
     */
    @Transactional
    public ResolvedVersion resolve(String name, String reference) {
        Package p = require(name);
        return new ResolvedVersion(p, resolve(p, reference, this::versions, this::tags));
    }

    private PackageVersion resolve(Package p, String reference, Function<Package, List<PackageVersion>> versions,
                                   Function<Package, List<Tag>> tags) {
        if (SemVer.isValid(reference)) {
            return version(p, reference).orElseThrow(() -> ApiException.versionUnknown(p.name, reference));
        }
        if (!TagName.isOciTag(reference)) {
            throw ApiException.badRequest(ErrorCode.TAG_INVALID, "\"" + reference + "\" is neither a version nor a tag");
        }
        Optional<Tag> tag = tags.apply(p).stream().filter(t -> t.name.equals(reference)).findFirst();
        if (tag.isPresent()) {
            PackageVersion v = em.find(PackageVersion.class, tag.get().versionId);
            if (!v.yanked) {
                return v;
            }
            if (!reference.equals(TagName.LATEST)) {
                throw ApiException.notFound(ErrorCode.TAG_UNKNOWN, p.name + ":" + reference + " points at "
                    + v.version + ", which is yanked");
            }
        }
        if (reference.equals(TagName.LATEST)) {
            return Versions.latest(versions.apply(p)).orElseThrow(() -> ApiException.notFound(
                ErrorCode.TAG_UNKNOWN, p.name + " has no version that is not yanked"));
        }
        throw ApiException.notFound(ErrorCode.TAG_UNKNOWN, p.name + " has no tag " + reference);
    }

    /** Everything a package page shows, read in one transaction: the package, one version, the downloads chart. */
    public record PackagePage(PackageView pkg, VersionView version, List<Long> dailyDownloads) {
    }

    @Transactional
    public PackagePage page(String name, String reference, int chartDays) {
        Package p = require(name);
        List<PackageVersion> versions = versions(p);
        List<Tag> tags = tags(p);
        Map<Long, String> digests = manifestDigests(p);
        PackageVersion v = resolve(p, reference, x -> versions, x -> tags);
        return new PackagePage(view(p, versions, tags, digests),
            view(new ResolvedVersion(p, v), digests.get(v.manifestId)), dailyDownloads(p, chartDays));
    }

    @Transactional
    public PackageView view(String name) {
        Package p = require(name);
        return view(p, versions(p), tags(p), manifestDigests(p));
    }

    private PackageView view(Package p, List<PackageVersion> versions, List<Tag> tags, Map<Long, String> digests) {
        List<VersionSummary> summaries = new ArrayList<>();
        for (PackageVersion v : Versions.newestFirst(versions)) {
            summaries.add(VersionSummary.from(v, digests.get(v.manifestId)));
        }
        return new PackageView(p.name, p.description, Arrays.asList(p.keywords),
            Versions.latest(versions).map(v -> v.version).orElse(null), tagMap(versions, tags), p.downloads,
            p.createdAt, p.updatedAt, summaries);
    }

    /** The manifest digest of each of a package's versions, by manifest id, in one query. */
    private Map<Long, String> manifestDigests(Package p) {
        Map<Long, String> digests = new HashMap<>();
        for (Object o : em.createNativeQuery("SELECT m.id, m.digest FROM package_version v JOIN manifest m "
            + "ON m.id = v.manifest_id WHERE v.package_id = ?1").setParameter(1, p.id).getResultList()) {
            Object[] row = (Object[]) o;
            digests.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        return digests;
    }

    /** Every tag that resolves, by name: the explicit ones, and {@code latest} as resolution computes it. */
    private Map<String, String> tagMap(Package p, List<PackageVersion> versions) {
        return tagMap(versions, tags(p));
    }

    private static Map<String, String> tagMap(List<PackageVersion> versions, List<Tag> explicit) {
        Map<Long, PackageVersion> byId = new LinkedHashMap<>();
        versions.forEach(v -> byId.put(v.id, v));
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : explicit) {
            PackageVersion v = byId.get(t.versionId);
            if (v != null && !v.yanked) {
                tags.put(t.name, v.version);
            }
        }
        if (!tags.containsKey(TagName.LATEST)) {
            Versions.latest(versions).ifPresent(v -> tags.put(TagName.LATEST, v.version));
        }
        return tags;
    }

    @Transactional
    public Map<String, String> tagMap(String name) {
        Package p = require(name);
        return tagMap(p, versions(p));
    }

    @Transactional
    public VersionView versionView(String name, String version) {
        checkVersion(version);
        ResolvedVersion r = resolve(name, version);
        return view(r);
    }

    @Transactional
    public VersionView view(ResolvedVersion r) {
        return view(r, manifests.byId(r.version().manifestId).digest);
    }

    private VersionView view(ResolvedVersion r, String manifestDigest) {
        PackageVersion v = r.version();
        String base = "/api/v1/packages/" + r.pkg().name + "/-/versions/" + v.version;
        return new VersionView(r.pkg().name, v.version, v.description, v.license, Arrays.asList(v.keywords),
            v.publishedAt, v.yanked, v.yankedReason, v.downloads,
            new VersionView.Digests(manifestDigest, v.configDigest, v.layerDigest, v.packageDigest), v.packageSize,
            v.objectSize, v.buildId,
            new VersionView.Links(base + "/package.ebpm", base + "/package.json",
                "/v2/" + r.pkg().name + "/manifests/" + v.version),
            details.of(v), v.readme);
    }

    @Transactional
    public VersionView yank(String name, String version, boolean yanked, String reason) {
        checkVersion(version);
        checkName(name);
        Package p = lock(name);
        PackageVersion v = version(p, version).orElseThrow(() -> ApiException.versionUnknown(name, version));
        v.yanked = yanked;
        v.yankedReason = yanked ? reason : null;
        refreshSearchFields(p, versions(p));
        return view(new ResolvedVersion(p, v));
    }

    @Transactional
    public Map<String, String> setTag(String name, String tag, String version) {
        String problem = TagName.problem(tag);
        if (problem != null) {
            throw ApiException.badRequest(ErrorCode.TAG_INVALID, problem);
        }
        checkVersion(version);
        checkName(name);
        Package p = lock(name);
        PackageVersion v = version(p, version).orElseThrow(() -> ApiException.versionUnknown(name, version));
        if (v.yanked) {
            throw ApiException.conflict(ErrorCode.VERSION_UNKNOWN, name + "@" + version
                + " is yanked; a tag cannot point at it");
        }
        moveTag(p, tag, v);
        return tagMap(p, versions(p));
    }

    /** Points a tag at a version, inside the caller's transaction (the one that may have created the version). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveTag(Package p, String tag, PackageVersion v) {
        changed.fire(new PackageChanged(p.name));
        Tag t = em.find(Tag.class, new Tag.Key(p.id, tag));
        if (t == null) {
            t = new Tag();
            t.packageId = p.id;
            t.name = tag;
            t.versionId = v.id;
            t.updatedAt = OffsetDateTime.now();
            em.persist(t);
        } else {
            t.versionId = v.id;
            t.updatedAt = OffsetDateTime.now();
        }
    }

    @Transactional
    public Map<String, String> deleteTag(String name, String tag) {
        checkName(name);
        Package p = lock(name);
        Tag t = em.find(Tag.class, new Tag.Key(p.id, tag));
        if (t == null) {
            throw ApiException.notFound(ErrorCode.TAG_UNKNOWN, name + " has no tag " + tag
                + (tag.equals(TagName.LATEST) ? " set explicitly (latest is computed)" : ""));
        }
        em.remove(t);
        em.flush();
        changed.fire(new PackageChanged(p.name));
        return tagMap(p, versions(p));
    }

    /**
     * After any change to a package's versions or tags: search reads description and keywords from the
     * package row, so keep them those of the latest version, and tell resolution caches.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refreshSearchFields(Package p, List<PackageVersion> versions) {
        changed.fire(new PackageChanged(p.name));
        Optional<PackageVersion> latest = Versions.latest(versions);
        p.latestVersion = latest.map(v -> v.version).orElse(null);
        latest.ifPresent(v -> {
            p.description = v.description;
            p.keywords = v.keywords;
        });
        p.updatedAt = OffsetDateTime.now();
    }

    /** Counts for the catalog's home page. */
    public record Stats(long packages, long versions, long downloads) {
    }

    @Transactional
    public Stats stats() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT (SELECT count(*) FROM package WHERE latest_version IS NOT "
            + "NULL), (SELECT count(*) FROM package_version), (SELECT coalesce(sum(downloads), 0) FROM package)")
            .getSingleResult();
        return new Stats(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** Downloads of a package per day for the last {@code days} days, oldest first, zero-filled. */
    @Transactional
    public List<Long> dailyDownloads(Package p, int days) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<LocalDate, Long> counted = new HashMap<>();
        for (Object o : em.createNativeQuery("SELECT d.day, sum(d.count) FROM version_download d JOIN package_version v "
                + "ON v.id = d.version_id WHERE v.package_id = ?1 AND d.day > ?2 GROUP BY d.day")
            .setParameter(1, p.id).setParameter(2, today.minusDays(days)).getResultList()) {
            Object[] row = (Object[]) o;
            LocalDate day = row[0] instanceof Date d ? d.toLocalDate() : (LocalDate) row[0];
            counted.put(day, ((Number) row[1]).longValue());
        }
        List<Long> out = new ArrayList<>();
        for (int i = days - 1; i >= 0; i--) {
            out.add(counted.getOrDefault(today.minusDays(i), 0L));
        }
        return out;
    }

    /** Tags as the OCI tags list shows them: every version number and every tag that resolves, sorted. */
    @Transactional
    public List<String> ociTags(Package p) {
        List<PackageVersion> versions = versions(p);
        List<String> all = new ArrayList<>(tagMap(p, versions).keySet());
        versions.forEach(v -> all.add(v.version));
        return all.stream().distinct().sorted().toList();
    }
}
