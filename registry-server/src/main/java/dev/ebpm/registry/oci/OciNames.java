package dev.ebpm.registry.oci;

/** The path patterns of OCI routes: a repository is one or two path segments, validated by the services. */
final class OciNames {
    static final String NAME = "{name: [^/]+(?:/[^/]+)?}";

    private OciNames() {
    }
}
