package dev.ebpm.registry.content;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolved manifests in memory, so pulls by tag do not query the database each time. Pinned references
 * (digests, version numbers) are kept; tags are kept for a short time. A package's entries are dropped as
 * soon as this instance commits a change to it, and a lookup that began before such a change does not put
 * its (possibly stale) answer back. Another instance's change shows here within the time-to-live
 * ({@code ebpm.cache.tag-ttl}) plus one refresh.
 *
 * <p>Hand-written rather than Caffeine: only tags expire, an expired tag is served while one refresh runs,
 * and a package's entries are dropped together without scanning every key.
 */
@ApplicationScoped
public class ManifestCache {
    /** A bound on memory: when this many packages are cached, the cache starts over. */
    private static final int MAX_PACKAGES = 10_000;
    /** An expired tag is served while being refreshed, but never when it is this many times its TTL old. */
    private static final int STALE_LIMIT = 5;

    @ConfigMapping(prefix = "ebpm.cache")
    public interface Config {
        @WithDefault("2s")
        Duration tagTtl();
    }

    private record Entry(ManifestView manifest, long expiresAt, AtomicBoolean refreshing) {
        boolean expired(long now) {
            return expiresAt != Long.MAX_VALUE && now - expiresAt > 0;
        }
    }

    private final Map<String, Map<String, Entry>> byPackage = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    @Inject
    ManifestCache(Config config) {
        this(config.tagTtl());
    }

    public ManifestCache(Duration tagTtl) {
        this.ttlNanos = tagTtl.toNanos();
    }

    /** Read before a lookup and handed to {@link #put}: an answer older than a commit is not cached. */
    public long generation() {
        return generation.get();
    }

    /** The manifest while it is fresh, else null. */
    public ManifestView get(String repository, String reference) {
        Entry e = entry(repository, reference);
        return e == null || e.expired(System.nanoTime()) ? null : e.manifest;
    }

    /**
     * For the hot path: the manifest even shortly after it expired, so that many clients asking at once
     * do not all fall through to the database; the first one to find it expired runs {@code refresh}
     * (which must not block) and the others keep getting the current answer until it is replaced.
     */
    public ManifestView getOrRefresh(String repository, String reference, Runnable refresh) {
        Entry e = entry(repository, reference);
        if (e == null) {
            return null;
        }
        long now = System.nanoTime();
        if (!e.expired(now)) {
            return e.manifest;
        }
        if (now - e.expiresAt > STALE_LIMIT * ttlNanos) {
            return null;
        }
        if (e.refreshing.compareAndSet(false, true)) {
            refresh.run();
        }
        return e.manifest;
    }

    private Entry entry(String repository, String reference) {
        Map<String, Entry> refs = byPackage.get(repository);
        return refs == null ? null : refs.get(reference);
    }

    public void forget(String repository, String reference) {
        Map<String, Entry> refs = byPackage.get(repository);
        if (refs != null) {
            refs.remove(reference);
        }
    }

    /** Caches an answer found by a lookup that began at {@code generation}; {@code pinned} ones never expire. */
    public void put(String repository, String reference, ManifestView manifest, boolean pinned, long generation) {
        if (byPackage.size() >= MAX_PACKAGES) {
            byPackage.clear();
        }
        byPackage.computeIfAbsent(repository, k -> new ConcurrentHashMap<>())
            .put(reference, new Entry(manifest, pinned ? Long.MAX_VALUE : System.nanoTime() + ttlNanos,
                new AtomicBoolean()));
        if (this.generation.get() != generation) {
            // A change committed while the answer was looked up: it may be stale, so it must not stay.
            forget(repository, reference);
        }
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PackageChanged event) {
        drop(event.name());
    }

    /** Forgets a package's entries (changed here, or by another replica). */
    void drop(String name) {
        generation.incrementAndGet();
        byPackage.remove(name);
    }

    /** Forgets everything (this replica may have missed other replicas' changes). */
    void clear() {
        generation.incrementAndGet();
        byPackage.clear();
    }
}
