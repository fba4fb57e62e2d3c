package dev.ebpm.registry.api;

/** Body of {@code PUT …/yank}: why the version should not be used (optional, shown in the catalog). */
public record YankRequest(String reason) {
}
