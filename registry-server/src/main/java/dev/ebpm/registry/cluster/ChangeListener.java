package dev.ebpm.registry.cluster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Listens for other replicas' changes on one database connection of its own and fires them as {@link
 * ClusterChange} events, a few milliseconds after they commit. When the connection is lost (PostgreSQL
 * restarted, a network cut) it connects again every second; notices sent meanwhile are gone, so once it
 * listens again it fires {@link ClusterChange#everything()}.
 */
@ApplicationScoped
public class ChangeListener {
    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    private final AgroalDataSource dataSource;
    private final ChangeNotices notices;
    private final Event<ClusterChange> changes;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean listening;
    private Thread thread;

    ChangeListener(AgroalDataSource dataSource, ChangeNotices notices, Event<ClusterChange> changes) {
        this.dataSource = dataSource;
        this.notices = notices;
        this.changes = changes;
    }

    void start(@Observes StartupEvent e) {
        running.set(true);
        thread = new Thread(this::loop, "ebpm-cluster-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent e) {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether this replica currently hears the others (for readiness and tests). */
    public boolean listening() {
        return listening;
    }

    private void loop() {
        boolean missed = false;
        while (running.get()) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("LISTEN " + ChangeNotices.CHANNEL);
                listening = true;
                if (missed) {
                    LOG.info("listening for other replicas' changes again; forgetting what was cached meanwhile");
                    fire(ClusterChange.everything());
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] got = pg.getNotifications(POLL_MILLIS);
                    if (got == null || got.length == 0) {
                        // Nothing came: a round trip, so a dead connection shows here rather than as silence.
                        s.execute("SELECT 1");
                        continue;
                    }
                    for (PGNotification n : got) {
                        Notice.parse(n.getParameter()).filter(x -> !x.origin().equals(notices.origin()))
                            .ifPresent(x -> fire(x.change()));
                    }
                }
            } catch (SQLException | RuntimeException ex) {
                if (!running.get()) {
                    return;
                }
                if (listening) {
                    LOG.warnf("lost the connection that hears other replicas' changes (%s); reconnecting",
                        ex.getMessage());
                }
                listening = false;
                missed = true;
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void fire(ClusterChange change) {
        try {
            changes.fire(change);
        } catch (RuntimeException ex) {
            LOG.errorf(ex, "a cache failed to apply %s", change.topic());
        }
    }
}
