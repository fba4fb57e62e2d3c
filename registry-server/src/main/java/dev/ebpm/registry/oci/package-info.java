/**
 * The OCI Distribution API (v1.1) under {@code /v2/}: blobs (monolithic and chunked uploads, mounts,
 * ranged pulls), manifests kept byte for byte, tags and referrers, errors in the OCI envelope. A pushed
 * manifest of {@code artifactType application/vnd.ebpm.package.v1} is opened and published as a package
 * version; other manifests are accepted only as attachments (with a {@code subject}) to a package.
 */
package dev.ebpm.registry.oci;
