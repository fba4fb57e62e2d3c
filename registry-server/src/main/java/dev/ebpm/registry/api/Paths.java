package dev.ebpm.registry.api;

/**
 * Path templates shared by the REST resources. Every resource class sits at {@code /api/v1} and spells its
 * full path on each method: RESTEasy Reactive picks a class by its path before it looks at methods.
 */
final class Paths {
    static final String PACKAGES = "/api/v1/packages";
    /** One or two segments; the services validate the name and answer 400 NAME_INVALID when it is not one. */
    static final String NAME = "{name: [^/]+(?:/[^/]+)?}";
    static final String PACKAGE_VERSION = "/packages/" + NAME + "/-/versions/{version}";

    private Paths() {
    }
}
