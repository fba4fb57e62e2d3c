package dev.ebpm.registry.auth;

/** A token just created: the only time its secret is shown. */
public record NewToken(String token, TokenView info) {
}
