package dev.ebpm.compiler.worker;

import java.time.Duration;

/**
 * How a worker waits before asking a registry again: doubling from {@code first} up to {@code max}, and
 * giving up after {@code giveUpAfter} in all. A finished build's report is retried this way, since the
 * registry may be restarting and the result is worth more than the time.
 */
public record Backoff(Duration first, Duration max, Duration giveUpAfter) {
    /** Reports: a restarting registry is back within minutes; a lease left unreported expires anyway. */
    public static final Backoff REPORTS = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15),
        Duration.ofMinutes(10));

    public Duration next(Duration last) {
        Duration d = last == null ? first : last.multipliedBy(2);
        return d.compareTo(max) > 0 ? max : d;
    }
}
