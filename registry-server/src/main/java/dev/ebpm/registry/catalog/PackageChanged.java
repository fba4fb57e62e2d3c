package dev.ebpm.registry.catalog;

/**
 * Fired inside any transaction that changes what a package's references resolve to (a publish, a tag
 * move, a yank); observers that cache resolution drop the package once the transaction commits.
 */
public record PackageChanged(String name) {
}
