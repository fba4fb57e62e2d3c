package dev.ebpm.registry.download;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts downloads per version in memory and adds them to the version, its package and the day's row
 * every few seconds, so serving a blob never waits on a database write. A crash loses at most the last
 * few seconds of counts, which is the usual trade (crates.io counts from CDN logs after the fact).
 */
@ApplicationScoped
public class DownloadCounter {
    private static final Logger LOG = Logger.getLogger(DownloadCounter.class);

    private final Map<Long, LongAdder> pending = new ConcurrentHashMap<>();
    private final Writer writer;

    DownloadCounter(Writer writer) {
        this.writer = writer;
    }

    public void count(long versionId) {
        pending.computeIfAbsent(versionId, k -> new LongAdder()).increment();
    }

    @Scheduled(every = "${ebpm.downloads.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        Map<Long, Long> batch = new TreeMap<>();
        pending.forEach((id, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                batch.put(id, n);
            }
        });
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.write(batch);
        } catch (RuntimeException e) {
            // Counted again next time rather than lost.
            batch.forEach((id, n) -> pending.computeIfAbsent(id, k -> new LongAdder()).add(n));
            LOG.warnf("download counts not written yet (will retry): %s", e.getMessage());
        }
    }

    /**
     * Adds a batch in one transaction, taking row locks in the order publishes and yanks do (the package,
     * then its version), so the two never deadlock.
     */
    @ApplicationScoped
    static class Writer {
        private final EntityManager em;

        Writer(EntityManager em) {
            this.em = em;
        }

        @Transactional
        void write(Map<Long, Long> batch) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            batch.forEach((id, n) -> {
                em.createNativeQuery("UPDATE package SET downloads = downloads + ?2 WHERE id = "
                        + "(SELECT package_id FROM package_version WHERE id = ?1)")
                    .setParameter(1, id).setParameter(2, n).executeUpdate();
                em.createNativeQuery("UPDATE package_version SET downloads = downloads + ?2 WHERE id = ?1")
                    .setParameter(1, id).setParameter(2, n).executeUpdate();
                em.createNativeQuery("INSERT INTO version_download (version_id, day, count) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (version_id, day) DO UPDATE SET count = version_download.count + EXCLUDED.count")
                    .setParameter(1, id).setParameter(2, today).setParameter(3, n).executeUpdate();
            });
        }
    }
}
