package dev.ebpm.registry.catalog;

import dev.ebpm.format.requirements.KernelRequirements;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One version with everything derived from its blobs, as {@code GET …/-/versions/V} shows it; {@code kind}
 * is {@code package} or {@code wasm} (a wasm-bpf module). A version built for several architectures lists them in
 * {@code variants}; its digests and details are then those of the first.
 */
public record VersionView(String name, String version, String kind, String description, String license,
                          List<String> keywords,
                          OffsetDateTime publishedAt, boolean yanked, String yankedReason, long downloads,
                          Digests digests, long packageSize, long objectSize, UUID buildId, Links links,
                          VersionDetails details, String readme, List<Variant> variants) {
    /**
     * One architecture's build of a version built for several (empty for a version built once): its manifest
     * (an entry of the version's image index), its .ebpm file and what it needs of the kernel.
     */
    public record Variant(String arch, String manifest, String packageFile, long packageSize, long objectSize,
                          String download, KernelRequirements requires) {
    }

    public record Digests(String manifest, String config, String layer, String packageFile) {
    }

    /** Downloads: a package's .ebpm and eunomia package.json, or a wasm module's app.wasm (packageJson null). */
    public record Links(String packageFile, String packageJson, String oci) {
    }
}
