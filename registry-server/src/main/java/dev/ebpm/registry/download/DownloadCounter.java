package dev.ebpm.registry.download;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts downloads per version in memory and adds them to the version, its package and the day's row
 * every few seconds, so serving a blob never waits on a database write. A crash loses at most the last
 * few seconds of counts, which is the usual trade (crates.io counts from CDN logs after the fact).
 */
@ApplicationScoped
public class DownloadCounter {
    private final Map<Long, LongAdder> pending = new ConcurrentHashMap<>();
    private final EntityManager em;

    DownloadCounter(EntityManager em) {
        this.em = em;
    }

    public void count(long versionId) {
        pending.computeIfAbsent(versionId, k -> new LongAdder()).increment();
    }

    @Scheduled(every = "${ebpm.downloads.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void flush() {
        Map<Long, Long> batch = new HashMap<>();
        pending.forEach((id, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                batch.put(id, n);
            }
        });
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        batch.forEach((id, n) -> {
            em.createNativeQuery("UPDATE package_version SET downloads = downloads + ?2 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, n).executeUpdate();
            em.createNativeQuery("UPDATE package SET downloads = downloads + ?2 WHERE id = "
                    + "(SELECT package_id FROM package_version WHERE id = ?1)")
                .setParameter(1, id).setParameter(2, n).executeUpdate();
            em.createNativeQuery("INSERT INTO version_download (version_id, day, count) VALUES (?1, ?2, ?3) "
                    + "ON CONFLICT (version_id, day) DO UPDATE SET count = version_download.count + EXCLUDED.count")
                .setParameter(1, id).setParameter(2, today).setParameter(3, n).executeUpdate();
        });
    }
}
