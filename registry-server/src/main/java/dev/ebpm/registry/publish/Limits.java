package dev.ebpm.registry.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Size caps on what clients send ({@code ebpm.limits.*}). Each is checked while the bytes arrive, before
 * anything is decompressed or parsed, so an oversized or bomb-like upload costs at most the cap.
 */
@ConfigMapping(prefix = "ebpm.limits")
public interface Limits {
    /** A package file ({@code .ebpm} or eunomia {@code package.json}) published over REST. */
    @WithDefault("33554432")
    long maxPackageSize();

    /** The BPF object once decompressed: real ones are a few hundred KiB. */
    @WithDefault("16777216")
    int maxObjectSize();

    /** OCI requires accepting manifests of at least 4 MB. */
    @WithDefault("4194304")
    int maxManifestSize();

    /** A package's config blob (meta + README). */
    @WithDefault("8388608")
    int maxConfigSize();

    /** Any blob pushed over OCI. */
    @WithDefault("67108864")
    long maxBlobSize();
}
