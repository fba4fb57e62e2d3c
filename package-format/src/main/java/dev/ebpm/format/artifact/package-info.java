/**
 * ebpm packages as OCI artifacts: the OCI image manifest and descriptor model, and the mapping of a
 * package to a manifest ({@code artifactType application/vnd.ebpm.package.v1}), a config blob (the package
 * metadata and the eunomia meta) and one layer (the zstd-compressed BPF object). The same package always
 * gives the same three byte strings, so its manifest digest identifies it in every registry.
 */
package dev.ebpm.format.artifact;
