package dev.ebpm.registry.publish;

import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.registry.catalog.VersionDetails;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.auth.Caller;

import java.util.List;
import java.util.UUID;

/**
 * A version to publish: the package as opened from its blobs, its OCI artifact (the manifest model and
 * bytes, the config and the layer), tags to point at it, who asks and, for compiled sources, the build.
 * {@code pushed}: the artifact came over OCI, so its config and layer are stored and linked already (by
 * the blob pushes), and re-pushing the identical manifest is not an error. {@code module}: what a wasm
 * module is (null for a package).
 */
public record PublishRequest(PackageName name, SemVer version, EbpmPackage pkg, PackageArtifact artifact,
                             List<TagName> tags, Caller caller, UUID buildId, boolean pushed,
                             VersionDetails.Module module) {
    public PublishRequest {
        tags = List.copyOf(tags);
    }

    /** A declarative package's publish. */
    public PublishRequest(PackageName name, SemVer version, EbpmPackage pkg, PackageArtifact artifact,
                          List<TagName> tags, Caller caller, UUID buildId, boolean pushed) {
        this(name, version, pkg, artifact, tags, caller, buildId, pushed, null);
    }

    /** Whether this is a wasm module's: then {@code pkg} describes the object it embeds, and the layer is the module. */
    public boolean isModule() {
        return module != null;
    }
}
