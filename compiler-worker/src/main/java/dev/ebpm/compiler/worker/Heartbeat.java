package dev.ebpm.compiler.worker;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a lease alive while its build runs: a heartbeat at a third of the lease's length, so two can be
 * missed before it expires. If the registry says the lease is lost, {@code onLost} stops the build.
 */
final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean lost;

    Heartbeat(RegistryClient client, Lease lease, Consumer<String> log, Runnable onLost) {
        long period = Math.max(500, Duration.between(OffsetDateTime.now(), lease.expiresAt()).toMillis() / 3);
        timer.scheduleAtFixedRate(() -> {
            try {
                client.heartbeat(lease);
            } catch (WorkerException e) {
                if (e.leaseLost()) {
                    lost = true;
                    log.accept("lease of build " + lease.build() + " lost: " + e.getMessage());
                    onLost.run();
                    timer.shutdown();
                } else {
                    log.accept("heartbeat failed (will retry): " + e.getMessage());
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    boolean lost() {
        return lost;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
