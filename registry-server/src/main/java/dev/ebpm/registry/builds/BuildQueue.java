package dev.ebpm.registry.builds;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The build rows as a queue in PostgreSQL: leasing picks the oldest available build with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never get the same build; a lease names the build
 * and a random lease id that every later call must present, so a worker whose lease expired (and whose
 * build went to another worker) cannot report on it.
 */
@ApplicationScoped
public class BuildQueue {
    private final EntityManager em;
    private final BuildConfig config;

    BuildQueue(EntityManager em, BuildConfig config) {
        this.em = em;
        this.config = config;
    }

    @Transactional
    public Build insert(String name, String version, Digest sources, long size, Long requestedBy) {
        Build b = new Build();
        b.id = UUID.randomUUID();
        b.packageName = name;
        b.version = version;
        b.state = Build.State.queued.name();
        b.sourceDigest = sources.toString();
        b.sourceSize = size;
        b.log = "";
        b.requestedBy = requestedBy;
        b.createdAt = OffsetDateTime.now();
        try {
            em.persist(b);
            em.flush();
        } catch (PersistenceException e) {
            if (!(e instanceof ConstraintViolationException) && !(e.getCause() instanceof ConstraintViolationException)) {
                throw e;
            }
            throw ApiException.conflict(ErrorCode.BUILD_CONFLICT, "a build of " + name + "@" + version
                + " is already queued, running or done");
        }
        return b;
    }

    /** The latest build of the same sources that succeeded, if any. */
    @Transactional
    public Optional<Build> succeededWith(Digest sources) {
        return em.createQuery("from Build b where b.sourceDigest = :d and b.state = 'succeeded' and b.versionId is not "
                + "null and not exists (select 1 from PackageVersion v where v.id = b.versionId and v.removedAt is not "
                + "null) order by b.finishedAt desc", Build.class)
            .setParameter("d", sources.toString()).setMaxResults(1).getResultList().stream().findFirst();
    }

    /** Ends a build the registry completed itself (from an earlier build's result), with no worker involved. */
    @Transactional
    public Build completeWithoutWorker(UUID id, Long versionId, String error, String log, String environment) {
        Build b = em.find(Build.class, id, LockModeType.PESSIMISTIC_WRITE);
        append(b, log);
        b.environment = environment;
        b.state = versionId != null ? Build.State.succeeded.name() : Build.State.failed.name();
        b.versionId = versionId;
        b.error = error;
        b.startedAt = OffsetDateTime.now();
        b.finishedAt = b.startedAt;
        return b;
    }

    @Transactional
    public Build get(UUID id) {
        Build b = em.find(Build.class, id);
        if (b == null) {
            throw ApiException.notFound(ErrorCode.BUILD_UNKNOWN, "no build " + id);
        }
        return b;
    }

    @Transactional
    public Optional<Lease> lease(String worker) {
        giveUpExhausted();
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT id FROM build WHERE state = 'queued' OR (state = 'running' "
                + "AND lease_expires_at < now() AND attempts < ?1) ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, config.maxAttempts()).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Build b = em.find(Build.class, (UUID) ids.get(0));
        em.refresh(b);
        boolean retry = b.state.equals(Build.State.running.name());
        b.state = Build.State.running.name();
        b.leaseId = UUID.randomUUID();
        b.leaseExpiresAt = OffsetDateTime.now().plusSeconds(config.leaseSeconds());
        b.attempts++;
        b.logSequence = 0;
        b.worker = worker;
        if (b.startedAt == null) {
            b.startedAt = OffsetDateTime.now();
        }
        append(b, (retry ? "-- the previous worker's lease expired; attempt " : "-- attempt ") + b.attempts
            + " on " + b.worker + "\n");
        return Optional.of(lease(b));
    }

    private Lease lease(Build b) {
        return new Lease(b.id, b.leaseId, b.packageName, b.version, b.attempts, b.leaseExpiresAt,
            "/api/v1/worker/builds/" + b.id + "/sources", b.sourceDigest);
    }

    /** Builds whose last lease expired with no attempts left are failed, with the reason in their log. */
    @Scheduled(every = "30s", delayed = "30s")
    @Transactional
    void giveUpExhausted() {
        List<Build> stale = em.createQuery("from Build where state = 'running' and leaseExpiresAt < :now "
                + "and attempts >= :max", Build.class)
            .setParameter("now", OffsetDateTime.now()).setParameter("max", config.maxAttempts())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Build b : stale) {
            b.state = Build.State.failed.name();
            b.error = "no worker finished the build in " + b.attempts + " attempts (each lease expired)";
            append(b, "-- " + b.error + "\n");
            b.leaseId = null;
            b.leaseExpiresAt = null;
            b.finishedAt = OffsetDateTime.now();
        }
    }

    @Transactional
    public Lease heartbeat(UUID build, UUID lease) {
        Build b = holding(build, lease);
        b.leaseExpiresAt = OffsetDateTime.now().plusSeconds(config.leaseSeconds());
        return lease(b);
    }

    /** The build, locked, if {@code lease} is its current lease; 409 LEASE_LOST otherwise. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Build holding(UUID build, UUID lease) {
        Build b = em.find(Build.class, build, LockModeType.PESSIMISTIC_WRITE);
        if (b == null) {
            throw ApiException.notFound(ErrorCode.BUILD_UNKNOWN, "no build " + build);
        }
        if (lease == null || !lease.equals(b.leaseId) || !b.state.equals(Build.State.running.name())) {
            throw ApiException.conflict(ErrorCode.LEASE_LOST, "this worker no longer holds build " + build
                + " (its lease expired and the build was leased again, or it finished)");
        }
        return b;
    }

    /** The build if it already finished under {@code lease}: a report the worker repeats. */
    @Transactional
    public Optional<Build> finishedUnder(UUID build, UUID lease) {
        return Optional.ofNullable(em.find(Build.class, build)).filter(b -> b.finishedUnder(lease));
    }

    /**
     * Appends worker output. With a {@code sequence} (1, 2, 3… per lease) a chunk is appended once: one
     * whose number is not above the last one applied is a repeat, and is dropped (false).
     */
    @Transactional
    public boolean appendLog(UUID build, UUID lease, Long sequence, String text) {
        Build b = holding(build, lease);
        if (sequence != null) {
            if (sequence <= b.logSequence) {
                return false;
            }
            b.logSequence = sequence;
        }
        append(b, text);
        return true;
    }

    /**
     * Ends a build: succeeded with the version, or failed with the error and the last log output. A build
     * that already finished under this lease stays as it finished (the worker repeated its report).
     */
    @Transactional(dontRollbackOn = ApiException.class)
    public Build finish(UUID build, UUID lease, Long versionId, String error, String log) {
        return finish(build, lease, versionId, error, log, null);
    }

    @Transactional(dontRollbackOn = ApiException.class)
    public Build finish(UUID build, UUID lease, Long versionId, String error, String log, String environment) {
        Build found = em.find(Build.class, build, LockModeType.PESSIMISTIC_WRITE);
        if (found != null && found.finishedUnder(lease)) {
            return found;
        }
        Build b = holding(build, lease);
        b.finishedLease = lease;
        if (log != null) {
            append(b, log);
        }
        b.state = versionId != null ? Build.State.succeeded.name() : Build.State.failed.name();
        b.versionId = versionId;
        b.error = error;
        b.environment = environment;
        b.leaseId = null;
        b.leaseExpiresAt = null;
        b.finishedAt = OffsetDateTime.now();
        return b;
    }

    /** Worker output is shown, not interpreted: a NUL in it (which PostgreSQL cannot store) becomes U+FFFD. */
    private void append(Build b, String text) {
        String all = b.log + text.replace('\0', '\uFFFD');
        int max = config.maxLogSize();
        b.log = all.length() <= max ? all : "[… earlier output cut]\n" + all.substring(all.length() - max);
    }
}
