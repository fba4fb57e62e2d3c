package dev.ebpm.registry.catalog;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.reference.VersionRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The catalog as the API and the pages show it: packages, versions, tags, each read in one transaction. */
@ApplicationScoped
public class CatalogViews {
    private final EntityManager em;
    private final PackageLookup lookup;
    private final Manifests manifests;
    private final StoredDetails details;
    private final CatalogStats stats;

    CatalogViews(EntityManager em, PackageLookup lookup, Manifests manifests, StoredDetails details,
                 CatalogStats stats) {
        this.em = em;
        this.lookup = lookup;
        this.manifests = manifests;
        this.details = details;
        this.stats = stats;
    }

    /** Everything a package page shows, read in one transaction: the package, one version, the downloads chart. */
    public record PackagePage(PackageView pkg, VersionView version, List<Long> dailyDownloads) {
    }

    @Transactional
    public PackagePage page(PackageName name, VersionRef reference, int chartDays) {
        Package p = lookup.require(name);
        List<PackageVersion> versions = lookup.versions(p);
        List<Tag> tags = lookup.tags(p);
        Map<Long, String> digests = manifestDigests(p);
        PackageVersion v = lookup.resolve(p, reference, versions, tags);
        return new PackagePage(view(p, versions, tags, digests, arches(p)),
            view(new ResolvedVersion(p, v), digests.get(v.manifestId)), stats.dailyDownloads(p, chartDays));
    }

    @Transactional
    public PackageView view(PackageName name) {
        Package p = lookup.require(name);
        return view(p, lookup.versions(p), lookup.tags(p), manifestDigests(p), arches(p));
    }

    private static PackageView view(Package p, List<PackageVersion> versions, List<Tag> tags,
                                    Map<Long, String> digests, Map<Long, List<String>> arches) {
        List<VersionSummary> summaries = new ArrayList<>();
        for (PackageVersion v : Versions.newestFirst(versions)) {
            summaries.add(VersionSummary.from(v, digests.get(v.manifestId), arches.getOrDefault(v.id, List.of())));
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

    /** The architectures of each version built for several, by version id, in index order, in one query. */
    private Map<Long, List<String>> arches(Package p) {
        Map<Long, List<String>> arches = new HashMap<>();
        for (Object o : em.createNativeQuery("SELECT pv.version_id, pv.arch FROM package_variant pv JOIN "
            + "package_version v ON v.id = pv.version_id WHERE v.package_id = ?1 ORDER BY pv.version_id, pv.position")
            .setParameter(1, p.id).getResultList()) {
            Object[] row = (Object[]) o;
            arches.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add((String) row[1]);
        }
        return arches;
    }

    /** Every tag that resolves, by name: the explicit ones, and {@code latest} as resolution computes it. */
    static Map<String, String> tagMap(List<PackageVersion> versions, List<Tag> explicit) {
        Map<Long, PackageVersion> byId = new LinkedHashMap<>();
        versions.forEach(v -> byId.put(v.id, v));
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : explicit) {
            PackageVersion v = byId.get(t.versionId);
            if (v != null && !v.yanked && !v.removed()) {
                tags.put(t.name, v.version);
            }
        }
        if (!tags.containsKey(TagName.LATEST)) {
            Versions.latest(versions).ifPresent(v -> tags.put(TagName.LATEST, v.version));
        }
        return tags;
    }

    @Transactional
    public Map<String, String> tagMap(PackageName name) {
        Package p = lookup.require(name);
        return tagMap(p);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, String> tagMap(Package p) {
        return tagMap(lookup.versions(p), lookup.tags(p));
    }

    @Transactional
    public VersionView version(PackageName name, VersionRef reference) {
        return view(lookup.resolve(name, reference));
    }

    @Transactional
    public VersionView view(ResolvedVersion r) {
        return view(r, manifests.byId(r.version().manifestId).digest);
    }

    private VersionView view(ResolvedVersion r, String manifestDigest) {
        PackageVersion v = r.version();
        String base = "/api/v1/packages/" + r.pkg().name + "/-/versions/" + v.version;
        return new VersionView(r.pkg().name, v.version, v.kind, v.description, v.license, Arrays.asList(v.keywords),
            v.publishedAt, v.yanked, v.yankedReason, v.downloads,
            new VersionView.Digests(manifestDigest, v.build.configDigest, v.build.layerDigest, v.build.packageDigest),
            v.build.packageSize, v.build.objectSize, v.buildId,
            v.isWasm() ? new VersionView.Links(base + "/" + WasmFormat.DEFAULT_FILE_NAME, null, "/v2/" + r.pkg().name
                + "/manifests/" + v.version)
                : new VersionView.Links(base + "/package.ebpm", base + "/package.json",
                "/v2/" + r.pkg().name + "/manifests/" + v.version),
            details.of(v), v.readme, lookup.variants(v).stream().map(x -> new VersionView.Variant(x.arch,
                manifests.byId(x.manifestId).digest, x.build.packageDigest, x.build.packageSize, x.build.objectSize,
                base + "/package.ebpm?arch=" + x.arch, details.of(x).requires())).toList());
    }

    /** Tags as the OCI tags list shows them: every version number not removed and every tag that resolves. */
    @Transactional
    public List<String> ociTags(Package p) {
        List<PackageVersion> versions = lookup.versions(p);
        List<String> all = new ArrayList<>(tagMap(versions, lookup.tags(p)).keySet());
        versions.stream().filter(v -> !v.removed()).forEach(v -> all.add(v.version));
        return all.stream().distinct().sorted().toList();
    }
}
