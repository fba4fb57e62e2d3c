package dev.ebpm.registry.oci;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** {@code ebpm.uploads.*}: where incoming blobs wait until verified, and how long an idle upload lives. */
@ConfigMapping(prefix = "ebpm.uploads")
public interface UploadConfig {
    Path directory();

    @WithDefault("3600")
    long expirySeconds();
}
