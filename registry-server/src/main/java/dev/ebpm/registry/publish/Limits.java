package dev.ebpm.registry.publish;

import dev.ebpm.format.io.CappedReader;
import dev.ebpm.format.io.SizeLimitException;
import dev.ebpm.registry.error.ApiException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.io.IOException;
import java.io.InputStream;

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

    /** A request body read whole, but never more than {@code max} bytes of it: over the cap is a 413. */
    static byte[] readAtMost(InputStream body, long max, String what) throws IOException {
        try {
            return CappedReader.readAll(body, max);
        } catch (SizeLimitException e) {
            throw ApiException.tooLarge(what + " is at most " + max + " bytes");
        }
    }
}
