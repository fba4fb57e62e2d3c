package dev.ebpm.registry.auth;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * The check every write makes: a valid token (401 otherwise, with the challenge the client's protocol
 * expects) whose scopes allow the action on this package (403 otherwise).
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

    AccessGuard(TokenService tokens) {
        this.tokens = tokens;
    }

    /** The caller when the request carries a token (401 if it is not valid), empty for anonymous requests. */
    public Optional<Caller> identify(String authorization, Realm realm) {
        Optional<String> secret = Credentials.secret(authorization).filter(s -> !s.isEmpty());
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.authenticate(secret.get()));
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.code(), e.getMessage(), Map.of("WWW-Authenticate", realm.challenge));
        }
    }

    public Caller require(String authorization, Realm realm, Scope.Action action, String packageName) {
        String secret = Credentials.secret(authorization).orElseThrow(() -> new ApiException(401,
            ErrorCode.UNAUTHORIZED, "this needs a token: send Authorization: Bearer ebpm_… (or the token as the "
            + "Basic-auth password)", Map.of("WWW-Authenticate", realm.challenge)));
        Caller caller;
        try {
            caller = tokens.authenticate(secret);
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.code(), e.getMessage(), Map.of("WWW-Authenticate", realm.challenge));
        }
        if (!caller.may(action, packageName)) {
            throw ApiException.forbidden("the token \"" + caller.tokenName() + "\" may not "
                + action.name().toLowerCase() + (packageName == null ? "" : " " + packageName) + " (its scopes: "
                + String.join(", ", caller.scopes().stream().map(Scope::toString).toList()) + ")");
        }
        return caller;
    }
}
