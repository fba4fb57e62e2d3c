package dev.ebpm.registry.auth;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * The check every write makes: a valid token (401 otherwise, with the challenge the client's protocol
 * expects) whose scopes allow the action on this package (403 otherwise), and, for writes that are
 * rate-limited, a token from the caller's bucket (429 otherwise).
 */
@ApplicationScoped
public class AccessGuard {
    /** REST clients send {@code Bearer}; OCI clients (skopeo, oras) answer a {@code Basic} challenge. */
    public enum Realm {
        REST("Bearer realm=\"ebpm\""), OCI("Basic realm=\"ebpm\"");

        final String challenge;

        Realm(String challenge) {
            this.challenge = challenge;
        }

        public String challenge() {
            return challenge;
        }
    }

    private final TokenService tokens;
    private final RateLimiter rateLimiter;

    AccessGuard(TokenService tokens, RateLimiter rateLimiter) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    /**
     * The caller when the request carries credentials (401 if they are not a valid token, malformed ones
     * included), empty for requests without an {@code Authorization} header.
     */
    public Optional<Caller> identify(String authorization, Realm realm) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(authenticate(authorization, realm));
    }

    /** The caller, who must be allowed {@code action} on {@code pkg} (null for actions on no package). */
    public Caller require(String authorization, Realm realm, Scope.Action action, PackageName pkg) {
        String name = pkg == null ? null : pkg.value();
        Caller caller = authenticate(authorization, realm);
        if (!caller.may(action, name)) {
            throw ApiException.forbidden("the token \"" + caller.tokenName() + "\" may not "
                + action.name().toLowerCase() + (name == null ? "" : " " + name) + " (its scopes: "
                + String.join(", ", caller.scopes().stream().map(Scope::toString).toList()) + ")");
        }
        return caller;
    }

    /** {@link #require}, then one write from the caller's {@code bucket}. */
    public Caller write(String authorization, Realm realm, Scope.Action action, PackageName pkg,
                        RateLimiter.Limited bucket) {
        Caller caller = require(authorization, realm, action, pkg);
        rateLimiter.consume(caller, bucket);
        return caller;
    }

    private Caller authenticate(String authorization, Realm realm) {
        String secret = Credentials.secret(authorization).orElseThrow(() -> ApiException.unauthorized(
            "this needs a token: send Authorization: Bearer ebpm_… (or the token as the Basic-auth password)",
            realm.challenge));
        try {
            return tokens.authenticate(secret);
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.code(), e.getMessage(), Map.of("WWW-Authenticate", realm.challenge));
        }
    }
}
