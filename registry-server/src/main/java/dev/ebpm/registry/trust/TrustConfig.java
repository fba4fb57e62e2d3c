package dev.ebpm.registry.trust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** {@code ebpm.trust.*}: where the hub's signing key is kept, and how the hub names itself as a builder. */
@ConfigMapping(prefix = "ebpm.trust")
public interface TrustConfig {
    /**
     * The hub's private key as PEM text, e.g. from a Kubernetes secret ({@code EBPM_TRUST_HUB_KEY}); when
     * set, {@link #hubKeyFile} is not used.
     */
    Optional<String> hubKey();

    /** The file the hub's private key is read from, made (mode 0600) at first start when it is missing. */
    @WithDefault("${user.home}/.local/share/ebpm/hub-key.pem")
    Path hubKeyFile();

    /** The key's passphrase, when it is encrypted ({@code EBPM_TRUST_HUB_KEY_PASSPHRASE}). */
    Optional<String> hubKeyPassphrase();

    /** The builder id in provenance; by default {@code ebpm-hub:} and the key's fingerprint. */
    Optional<String> builderId();

    /** The name replicas of one hub present themselves under in provenance subjects (host[:port]). */
    @WithDefault("localhost:8080")
    String publicHost();
}
