/**
 * BTF for kernels that have none of their own: per kernel, the BTF a package's object needs, minimized
 * ({@code bpftool gen min_core_btf}) and kept in BTFHub's layout, {@code btfhub-archive/ID/VERSION_ID/ARCH/RELEASE.btf},
 * which is also how eunomia's btfgen tar lays it out. ecc packs it; ecli picks the one of the running kernel.
 */
package dev.ebpm.format.kernelbtf;
