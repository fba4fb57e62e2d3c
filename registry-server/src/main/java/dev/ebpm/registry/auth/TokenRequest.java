package dev.ebpm.registry.auth;

import java.util.List;

/** Body of {@code POST /api/v1/tokens}. */
public record TokenRequest(String name, List<String> scopes, Integer expiresInDays) {
}
