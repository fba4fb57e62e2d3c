package dev.ebpm.ecli.resolve;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;

/**
 * A version pulled from a registry: the manifest digest it came from, its OCI layer bytes, and either the
 * package ({@code pkg}) or, for a wasm module, the name it runs under ({@code moduleName}; the layer is the
 * module).
 */
public record ResolvedPackage(EbpmPackage pkg, byte[] layer, Digest manifest, String origin, String moduleName) {
    public static ResolvedPackage ofPackage(EbpmPackage pkg, byte[] layer, Digest manifest, String origin) {
        return new ResolvedPackage(pkg, layer, manifest, origin, null);
    }

    public static ResolvedPackage ofModule(byte[] module, Digest manifest, String origin, String name) {
        return new ResolvedPackage(null, module, manifest, origin, name);
    }

    public boolean isModule() {
        return pkg == null;
    }

    public Loaded loaded() {
        return isModule() ? new LoadedModule(moduleName, layer, origin) : LoadedPackage.of(pkg, origin);
    }
}
