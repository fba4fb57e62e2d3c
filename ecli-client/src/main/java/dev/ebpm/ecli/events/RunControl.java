package dev.ebpm.ecli.events;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the pollers when to stop, and the main thread why: a signal, the end of {@code --duration}, or a
 * poller's error (the first one is kept).
 */
public final class RunControl {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> error = new AtomicReference<>();
    private volatile boolean running = true;

    public boolean running() {
        return running;
    }

    public void stop() {
        running = false;
        stopped.countDown();
    }

    /** Stops the run because of an error, which the run then reports. */
    public void fail(RuntimeException e) {
        error.compareAndSet(null, e);
        stop();
    }

    public RuntimeException error() {
        return error.get();
    }

    /** Waits until the run is stopped, or the timeout passes (then stops it); a timeout of 0 waits for ever. */
    public void await(long timeoutMillis) throws InterruptedException {
        if (timeoutMillis <= 0) {
            stopped.await();
        } else if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            stop();
        }
    }

    /** Waits as {@code --duration} says: negative, until stopped; otherwise that long (at least 1 ms). */
    public void awaitDuration(double seconds) throws InterruptedException {
        await(seconds < 0 ? 0 : Math.max(1, (long) (seconds * 1000)));
    }

    /** SIGINT and SIGTERM stop the run the same way --duration does, so ecli cleans up and exits 0. */
    public void stopOnSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop());
            } catch (IllegalArgumentException e) {
                // The signal is reserved or ignored by the JVM (a background job's SIGINT); the other still works.
            }
        }
    }
}
