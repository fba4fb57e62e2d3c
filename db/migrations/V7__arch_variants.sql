-- A version built for several architectures: its manifest is an OCI image index with one entry per
-- architecture, each a variant with its own manifest, blobs and .ebpm file, and what it needs of the kernel.
-- The version row's own digests and details are its first variant's (the index's first entry), so every
-- reader of a version row still finds a complete package there.
CREATE TABLE package_variant (
    id              bigserial PRIMARY KEY,
    version_id      bigint        NOT NULL REFERENCES package_version (id),
    arch            text          NOT NULL
        CHECK (arch IN ('x86_64', 'arm64', 'riscv64', 's390x', 'ppc64le', 'loongarch64')),
    position        integer       NOT NULL CHECK (position >= 0),
    manifest_id     bigint        NOT NULL REFERENCES manifest (id),
    config_digest   sha256_digest NOT NULL,
    layer_digest    sha256_digest NOT NULL,
    package_digest  sha256_digest NOT NULL,
    package_size    bigint        NOT NULL CHECK (package_size > 0),
    object_size     bigint        NOT NULL CHECK (object_size > 0),
    details         jsonb         NOT NULL,
    UNIQUE (version_id, arch),
    UNIQUE (version_id, position)
);
CREATE INDEX package_variant_manifest ON package_variant (manifest_id);
CREATE INDEX package_variant_layer ON package_variant (layer_digest);
CREATE INDEX package_variant_package_digest ON package_variant (package_digest);
