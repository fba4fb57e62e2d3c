package dev.ebpm.ecli.resolve;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;

/** A package pulled from a registry: the package, its OCI layer bytes, and the manifest digest it came from. */
public record ResolvedPackage(EbpmPackage pkg, byte[] layer, Digest manifest, String origin) {
    public LoadedPackage loaded() {
        return LoadedPackage.of(pkg, origin);
    }
}
