package dev.ebpm.registry.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One version with everything derived from its blobs, as {@code GET …/-/versions/V} shows it; {@code kind}
 * is {@code package} or {@code wasm} (a wasm-bpf module).
 */
public record VersionView(String name, String version, String kind, String description, String license,
                          List<String> keywords,
                          OffsetDateTime publishedAt, boolean yanked, String yankedReason, long downloads,
                          Digests digests, long packageSize, long objectSize, UUID buildId, Links links,
                          VersionDetails details, String readme) {
    public record Digests(String manifest, String config, String layer, String packageFile) {
    }

    /** Downloads: a package's .ebpm and eunomia package.json, or a wasm module's app.wasm (packageJson null). */
    public record Links(String packageFile, String packageJson, String oci) {
    }
}
