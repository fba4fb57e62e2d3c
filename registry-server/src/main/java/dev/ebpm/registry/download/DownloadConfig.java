package dev.ebpm.registry.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code ebpm.downloads.*}. */
@ConfigMapping(prefix = "ebpm.downloads")
public interface DownloadConfig {
    /** How often counted downloads are written to the database. */
    @WithDefault("5s")
    Duration flushInterval();
}
