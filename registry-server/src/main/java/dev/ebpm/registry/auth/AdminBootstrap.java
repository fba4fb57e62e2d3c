package dev.ebpm.registry.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/** Creates the configured admin token on first start, so a new registry can be administered at all. */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes StartupEvent event, AuthConfig config, TokenService tokens) {
        config.adminToken().filter(t -> !t.isBlank()).ifPresent(secret -> {
            if (!TokenSecret.looksValid(secret)) {
                throw new IllegalStateException("ebpm.auth.admin-token (EBPM_AUTH_ADMIN_TOKEN) must start with "
                    + TokenSecret.PREFIX + " and hold at least 16 more characters");
            }
            if (tokens.ensure("bootstrap admin", secret, List.of("admin"))) {
                LOG.infof("created the bootstrap admin token %s", TokenSecret.hint(secret));
            }
        });
    }
}
