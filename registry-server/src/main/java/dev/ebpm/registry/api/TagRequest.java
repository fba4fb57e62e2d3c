package dev.ebpm.registry.api;

/** Body of {@code PUT …/-/tags/TAG}: the version the tag points at. */
public record TagRequest(String version) {
}
