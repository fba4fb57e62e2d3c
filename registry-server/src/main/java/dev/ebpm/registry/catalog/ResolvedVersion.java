package dev.ebpm.registry.catalog;

/** A reference resolved to a version of a package, with the version's stored manifest id. */
public record ResolvedVersion(Package pkg, PackageVersion version) {
}
