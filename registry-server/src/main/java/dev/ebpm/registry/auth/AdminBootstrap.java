package dev.ebpm.registry.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Creates the configured admin token (and worker token) on first start, so a new registry can be
 * administered at all, and a deployment can hand its workers a token it chose.
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes StartupEvent event, AuthConfig config, TokenService tokens) {
        ensure(tokens, config.adminToken(), "EBPM_AUTH_ADMIN_TOKEN", "bootstrap admin", "admin");
        ensure(tokens, config.workerToken(), "EBPM_AUTH_WORKER_TOKEN", "bootstrap worker", "worker");
    }

    private static void ensure(TokenService tokens, Optional<String> configured, String variable, String name,
                               String scope) {
        configured.filter(t -> !t.isBlank()).ifPresent(secret -> {
            if (!TokenSecret.looksValid(secret)) {
                throw new IllegalStateException(variable + " must start with " + TokenSecret.PREFIX
                    + " and hold at least 16 more characters");
            }
            if (tokens.ensure(name, secret, List.of(scope))) {
                LOG.infof("created the %s token %s", name, TokenSecret.hint(secret));
            }
        });
    }
}
