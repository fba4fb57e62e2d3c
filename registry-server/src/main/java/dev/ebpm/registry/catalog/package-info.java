/**
 * The catalog: packages, their immutable versions and movable tags. {@code PackageLookup} finds and
 * resolves (a version or tag to a version), {@code CatalogViews} builds what the API and pages show,
 * {@code CatalogChanges} yanks and moves tags, {@code VersionRemovals} takes versions down with an audit
 * record, {@code CatalogStats} counts, {@code SearchService} searches. Entities stay here; the API sees the
 * {@code *View} records. Depends on {@code content}, {@code auth} (who removed), {@code reference},
 * {@code error} and {@code db}.
 */
package dev.ebpm.registry.catalog;
