package dev.ebpm.registry.auth;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A token as the API shows it: never the secret. */
public record TokenView(long id, String name, String hint, List<String> scopes, OffsetDateTime createdAt,
                        OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, boolean revoked) {
    static TokenView from(ApiToken t) {
        return new TokenView(t.id, t.name, t.hint, Arrays.asList(t.scopes), t.createdAt, t.expiresAt, t.lastUsedAt,
            t.revokedAt != null);
    }
}
