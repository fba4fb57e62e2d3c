-- A package built with ecc --btfgen carries BTF for kernels without their own: in its OCI artifact a second
-- layer (a zstd tar of minimized BTF files), recorded here so removals account for its blob like the others.
ALTER TABLE package_version ADD COLUMN btf_digest sha256_digest;
ALTER TABLE package_variant ADD COLUMN btf_digest sha256_digest;
