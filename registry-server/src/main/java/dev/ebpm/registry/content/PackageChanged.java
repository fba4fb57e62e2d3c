package dev.ebpm.registry.content;

/**
 * Fired inside any transaction that changes what a package's references resolve to or which of its blobs
 * it serves (a publish, a tag move, a yank, a removal); observers that cache resolution or blob membership
 * drop the package once the transaction commits.
 */
public record PackageChanged(String name) {
}
