package dev.ebpm.registry.builds;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code ebpm.builds.*}. */
@ConfigMapping(prefix = "ebpm.builds")
public interface BuildConfig {
    /** How long a lease lasts without a heartbeat. */
    @WithDefault("120")
    int leaseSeconds();

    /** Leases of one build before it is given up as failed. */
    @WithDefault("3")
    int maxAttempts();

    @WithDefault("100")
    int maxFiles();

    /** Sources unpacked, all files together. */
    @WithDefault("5242880")
    long maxUnpackedSize();

    /** The compressed archive as uploaded. */
    @WithDefault("5242880")
    long maxArchiveSize();

    /** The build log kept per build; older output is cut. */
    @WithDefault("1048576")
    int maxLogSize();
}
