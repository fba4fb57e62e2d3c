package dev.ebpm.registry.auth;

import dev.ebpm.registry.db.NativeValues;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A token bucket per token and action, kept in PostgreSQL so every server instance shares it: a full
 * bucket allows a burst, then one write per refill period. An empty bucket answers 429 with
 * {@code Retry-After}. The row lock serialises one token's concurrent writes only.
 */
@ApplicationScoped
public class RateLimiter {
    public enum Limited { PUBLISH, OTHER, UPLOAD }

    private final EntityManager em;
    private final RateLimitConfig config;

    RateLimiter(EntityManager em, RateLimitConfig config) {
        this.em = em;
        this.config = config;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void consume(Caller caller, Limited action) {
        RateLimitConfig.Bucket bucket = switch (action) {
            case PUBLISH -> config.publish();
            case OTHER -> config.other();
            case UPLOAD -> config.upload();
        };
        int burst = bucket.burst();
        long refill = Math.max(1, bucket.refillSeconds());
        String key = action.name().toLowerCase();
        em.createNativeQuery("INSERT INTO rate_limit_bucket (token_id, action, tokens, last_refill) "
                + "VALUES (?1, ?2, ?3, now()) ON CONFLICT DO NOTHING")
            .setParameter(1, caller.tokenId()).setParameter(2, key).setParameter(3, burst).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT tokens, last_refill, now() FROM rate_limit_bucket "
                + "WHERE token_id = ?1 AND action = ?2 FOR UPDATE")
            .setParameter(1, caller.tokenId()).setParameter(2, key).getSingleResult();
        int tokens = ((Number) row[0]).intValue();
        OffsetDateTime last = NativeValues.time(row[1]);
        OffsetDateTime now = NativeValues.time(row[2]);
        long elapsed = Math.max(0, Duration.between(last, now).toMillis());
        long periods = elapsed / (refill * 1000);
        tokens = (int) Math.min(burst, tokens + periods);
        last = tokens >= burst ? now : last.plusSeconds(periods * refill);
        if (tokens == 0) {
            long wait = Math.max(1, refill - (elapsed / 1000) % refill);
            throw new ApiException(429, ErrorCode.TOOMANYREQUESTS, "too many writes with this token; try again in "
                + wait + " s", Map.of("Retry-After", Long.toString(wait)));
        }
        em.createNativeQuery("UPDATE rate_limit_bucket SET tokens = ?3, last_refill = ?4 "
                + "WHERE token_id = ?1 AND action = ?2")
            .setParameter(1, caller.tokenId()).setParameter(2, key).setParameter(3, tokens - 1)
            .setParameter(4, last).executeUpdate();
    }
}
