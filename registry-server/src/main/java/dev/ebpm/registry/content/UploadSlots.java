package dev.ebpm.registry.content;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many OCI blob bodies are arriving at once, per token and in all. A body that trickles in holds a
 * worker thread for as long as it takes; without a bound one token could hold them all. Over the bound a
 * request gets 429 before any of its body is read.
 */
@ApplicationScoped
public class UploadSlots {
    /** Seconds a client is told to wait: uploads in flight usually finish within that. */
    static final String RETRY_AFTER = "2";

    private final int perToken;
    private final AtomicInteger total = new AtomicInteger();
    private final int maxTotal;
    private final Map<Long, AtomicInteger> byToken = new ConcurrentHashMap<>();

    @Inject
    UploadSlots(UploadConfig config) {
        this(config.maxConcurrentPerToken(), config.maxConcurrent());
    }

    public UploadSlots(int perToken, int maxTotal) {
        this.perToken = perToken;
        this.maxTotal = maxTotal;
    }

    /** A slot held until closed. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public Slot acquire(long tokenId) {
        AtomicInteger mine = byToken.computeIfAbsent(tokenId, k -> new AtomicInteger());
        if (mine.incrementAndGet() > perToken) {
            release(tokenId, mine);
            throw busy("this token already has " + perToken + " uploads in progress");
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            release(tokenId, mine);
            throw busy("the registry is receiving " + maxTotal + " uploads already");
        }
        return new Slot() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    total.decrementAndGet();
                    release(tokenId, mine);
                }
            }
        };
    }

    /** Counters stay in the map (one per token that ever uploaded): removing them would race with acquire. */
    private static void release(long tokenId, AtomicInteger mine) {
        mine.decrementAndGet();
    }

    private static ApiException busy(String why) {
        return new ApiException(429, ErrorCode.TOOMANYREQUESTS, why + "; try again in " + RETRY_AFTER + " s",
            Map.of("Retry-After", RETRY_AFTER));
    }
}
