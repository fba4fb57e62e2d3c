package dev.ebpm.registry.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Announces a change to the other replicas from inside the transaction that makes it: {@code pg_notify}
 * is transactional, so a rolled-back change is never announced and a committed one always is.
 */
@ApplicationScoped
public class ChangeNotices {
    static final String CHANNEL = "ebpm_changes";

    /** This replica, so that it skips its own notices (its caches already forgot at commit). */
    private final String origin = UUID.randomUUID().toString().substring(0, 8);
    private final EntityManager em;

    ChangeNotices(EntityManager em) {
        this.em = em;
    }

    String origin() {
        return origin;
    }

    /** A package's references, tags or blobs change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void packageChanged(String name) {
        send(Notice.payloads(origin, ClusterChange.PACKAGE, List.of(name), 1));
    }

    /** {@code repository} stops serving these blobs (digests as text). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unlinked(String repository, List<String> digests) {
        send(Notice.payloads(origin, ClusterChange.UNLINKED, prepend(repository, digests), 1));
    }

    /** These blobs are deleted everywhere. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(List<String> digests) {
        send(Notice.payloads(origin, ClusterChange.DELETED, digests, 0));
    }

    private void send(List<String> payloads) {
        for (String p : payloads) {
            // pg_notify returns void, which no JDBC type maps: count the one row instead.
            em.createNativeQuery("SELECT count(*) FROM (SELECT pg_notify(?1, ?2)) n").setParameter(1, CHANNEL)
                .setParameter(2, p).getSingleResult();
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
