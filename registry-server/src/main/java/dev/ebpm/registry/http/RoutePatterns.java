package dev.ebpm.registry.http;

/** Path templates shared by the REST, OCI and catalog routes. */
public final class RoutePatterns {
    /**
     * A package name: one or two path segments. The template only finds the segments; the typed parameter
     * ({@code PackageName}) then decides, so an invalid name is a 400 NAME_INVALID rather than a 404.
     */
    public static final String NAME = "{name: " + RoutePatterns.NAME_SEGMENTS + "}";

    /** The same as a plain regular expression, for routes outside JAX-RS. */
    public static final String NAME_SEGMENTS = "[^/]+(?:/[^/]+)?";

    private RoutePatterns() {
    }
}
