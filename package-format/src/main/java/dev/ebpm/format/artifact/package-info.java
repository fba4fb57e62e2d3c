/**
 * ebpm packages as OCI artifacts: the OCI image manifest, index and descriptor model, and the mapping of a
 * package to a manifest ({@code artifactType application/vnd.ebpm.package.v1}), a config blob (the package
 * metadata and the eunomia meta), a layer (the zstd-compressed BPF object) and, for {@code ecc --btfgen}
 * packages, a second layer of kernel BTF. The same package always gives the same byte strings, so its
 * manifest digest identifies it in every registry. A version built for several architectures is an image
 * index ({@code OciIndex}) of such manifests, one per architecture.
 */
package dev.ebpm.format.artifact;
