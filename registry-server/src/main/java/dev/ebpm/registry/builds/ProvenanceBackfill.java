package dev.ebpm.registry.builds;

import dev.ebpm.format.trust.SigstoreBundle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Versions a worker built before the hub signed provenance (an upgraded hub) get it soon after start, and
 * any attestation an outage interrupted is made again: the hub still holds the build, its sources and the
 * object. Their statements list no tool versions, since none were recorded then.
 */
@ApplicationScoped
public class ProvenanceBackfill {
    private static final Logger LOG = Logger.getLogger(ProvenanceBackfill.class);
    static final int BATCH = 200;

    private final EntityManager em;
    private final BuildService builds;

    ProvenanceBackfill(EntityManager em, BuildService builds) {
        this.em = em;
        this.builds = builds;
    }

    @Scheduled(every = "10m", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int done = 0;
        for (UUID id : unattested()) {
            try {
                builds.attestPublished(id);
                done++;
            } catch (RuntimeException e) {
                LOG.warnf("could not attest build %s yet: %s", id, e.getMessage());
            }
        }
        if (done > 0) {
            LOG.infof("signed the provenance of %d earlier build(s)", done);
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> unattested() {
        return em.createNativeQuery("SELECT b.id FROM build b JOIN package_version v ON v.id = b.version_id "
                + "JOIN manifest m ON m.id = v.manifest_id WHERE b.state = 'succeeded' "
                // A build that just finished is attested by its own report: leave it that minute.
                + "AND b.finished_at < now() - interval '1 minute' AND NOT EXISTS (SELECT 1 FROM "
                + "manifest a WHERE a.repository = m.repository AND a.subject = m.digest AND a.artifact_type = ?1) "
                + "ORDER BY b.finished_at LIMIT " + BATCH, UUID.class)
            .setParameter(1, SigstoreBundle.MEDIA_TYPE).getResultList();
    }
}
