package dev.ebpm.registry.catalog;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.content.PackageChanged;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The changes to a package that are not publishes or removals: yank and unyank, moving and deleting tags,
 * and keeping the package row's search fields those of its latest version. Each locks the package first.
 */
@ApplicationScoped
public class CatalogChanges {
    /** A reason is a sentence or two for the catalog, not a document. */
    public static final int MAX_YANK_REASON = 1000;

    private final EntityManager em;
    private final PackageLookup lookup;
    private final CatalogViews views;
    private final Event<PackageChanged> changed;

    CatalogChanges(EntityManager em, PackageLookup lookup, CatalogViews views, Event<PackageChanged> changed) {
        this.em = em;
        this.lookup = lookup;
        this.views = views;
        this.changed = changed;
    }

    @Transactional
    public VersionView yank(PackageName name, SemVer version, boolean yanked, String reason) {
        Inputs.text("a yank reason", reason, MAX_YANK_REASON);
        Package p = lookup.lock(name);
        PackageVersion v = lookup.existing(p, version);
        v.yanked = yanked;
        v.yankedReason = yanked ? reason : null;
        refreshSearchFields(p, lookup.versions(p));
        return views.view(new ResolvedVersion(p, v));
    }

    @Transactional
    public Map<String, String> setTag(PackageName name, TagName tag, SemVer version) {
        Package p = lookup.lock(name);
        PackageVersion v = lookup.existing(p, version);
        if (v.yanked) {
            throw ApiException.conflict(ErrorCode.VERSION_UNKNOWN, name + "@" + version
                + " is yanked; a tag cannot point at it");
        }
        moveTag(p, tag, v);
        return views.tagMap(p);
    }

    /** Points a tag at a version, inside the caller's transaction (the one that may have created the version). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveTag(Package p, TagName tag, PackageVersion v) {
        changed.fire(new PackageChanged(p.name));
        Tag t = em.find(Tag.class, new Tag.Key(p.id, tag.value()));
        if (t == null) {
            t = new Tag();
            t.packageId = p.id;
            t.name = tag.value();
            t.versionId = v.id;
            t.updatedAt = OffsetDateTime.now();
            em.persist(t);
        } else {
            t.versionId = v.id;
            t.updatedAt = OffsetDateTime.now();
        }
    }

    @Transactional
    public Map<String, String> deleteTag(PackageName name, TagName tag) {
        Package p = lookup.lock(name);
        Tag t = em.find(Tag.class, new Tag.Key(p.id, tag.value()));
        if (t == null) {
            throw ApiException.notFound(ErrorCode.TAG_UNKNOWN, name + " has no tag " + tag
                + (tag.isLatest() ? " set explicitly (latest is computed)" : ""));
        }
        em.remove(t);
        em.flush();
        changed.fire(new PackageChanged(p.name));
        return views.tagMap(p);
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
}
