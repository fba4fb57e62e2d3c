package dev.ebpm.registry.auth;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** {@code ebpm.auth.*}. */
@ConfigMapping(prefix = "ebpm.auth")
public interface AuthConfig {
    /** An admin token to create on first start ({@code EBPM_AUTH_ADMIN_TOKEN}); it must start with ebpm_. */
    Optional<String> adminToken();

    /** A worker token to create on first start ({@code EBPM_AUTH_WORKER_TOKEN}), for workers deployed with it. */
    Optional<String> workerToken();
}
