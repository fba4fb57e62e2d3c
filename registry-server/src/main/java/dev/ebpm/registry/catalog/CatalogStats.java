package dev.ebpm.registry.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts: the home page's totals and a package's downloads per day. */
@ApplicationScoped
public class CatalogStats {
    private final EntityManager em;

    CatalogStats(EntityManager em) {
        this.em = em;
    }

    /** Counts for the catalog's home page; removed versions are not counted. */
    public record Totals(long packages, long versions, long downloads) {
    }

    @Transactional
    public Totals totals() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT (SELECT count(*) FROM package WHERE latest_version IS NOT "
                + "NULL), (SELECT count(*) FROM package_version WHERE removed_at IS NULL), "
                + "(SELECT coalesce(sum(downloads), 0) FROM package)")
            .getSingleResult();
        return new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
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
}
