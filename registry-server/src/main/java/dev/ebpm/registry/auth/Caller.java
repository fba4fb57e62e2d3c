package dev.ebpm.registry.auth;

import java.util.List;

/** The token a request came with, once verified. */
public record Caller(long tokenId, String tokenName, List<Scope> scopes) {
    public Caller {
        scopes = List.copyOf(scopes);
    }

    public boolean may(Scope.Action action, String packageName) {
        return scopes.stream().anyMatch(s -> s.allows(action, packageName));
    }
}
