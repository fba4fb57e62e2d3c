package dev.ebpm.compiler.worker;

import dev.ebpm.compiler.BpfCompiler;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The worker loop: lease a build, run it, repeat; wait when nothing is queued, and back off (up to a
 * minute) while the registry cannot be reached. Ends after one build with {@code once}, or when
 * interrupted.
 */
public final class Worker {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final WorkerSettings settings;
    private final RegistryClient client;
    private final BuildRunner runner;
    private final Consumer<String> log;

    /** The registry refuses this worker's token: no build can be leased until an operator fixes it. */
    public static final class TokenRefusedException extends RuntimeException {
        TokenRefusedException(String message) {
            super(message);
        }
    }

    public Worker(WorkerSettings settings, RegistryClient client, BpfCompiler.Factory compilers, Consumer<String> log) {
        this.settings = settings;
        this.client = client;
        this.runner = new BuildRunner(client, compilers, settings.workDir(), settings.name(), log);
        this.log = log;
    }

    /** Runs until interrupted (or after one build with {@code once}); returns the number of builds run. */
    public int run() throws InterruptedException {
        int builds = 0;
        Duration backoff = settings.idlePoll();
        while (!Thread.currentThread().isInterrupted()) {
            Optional<Lease> lease;
            try {
                lease = client.lease(settings.name());
                backoff = settings.idlePoll();
            } catch (WorkerException e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new TokenRefusedException("the registry refuses this worker's token: " + e.getMessage());
                }
                log.accept(e.getMessage() + "; retrying in " + backoff.toSeconds() + " s");
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                continue;
            }
            if (lease.isEmpty()) {
                Thread.sleep(settings.idlePoll().toMillis());
                continue;
            }
            try {
                if (!runner.run(lease.get())) {
                    log.accept("build " + lease.get().build() + " went to another worker");
                }
            } catch (WorkerException e) {
                log.accept("build " + lease.get().build() + ": " + e.getMessage());
            }
            builds++;
            if (settings.once()) {
                break;
            }
        }
        return builds;
    }
}
