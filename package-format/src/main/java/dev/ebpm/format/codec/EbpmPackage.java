package dev.ebpm.format.codec;

import dev.ebpm.format.FreeText;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ObjectMeta;

/**
 * An ebpm package: identity, the eunomia meta, the BPF ELF object, an optional README (markdown) and the BTF
 * of kernels without their own ({@code ecc --btfgen}; empty for most packages). {@link EbpmPackageCodec}
 * stores it as a small tar of {@code manifest.json}, {@code meta.json}, {@code object.bpf.o.zst},
 * {@code README.md} and {@code btf.tar.zst}. The ELF array is not copied; callers must not change it.
 */
public record EbpmPackage(PackageInfo info, ObjectMeta meta, byte[] elf, String readme, KernelBtfArchive btfs) {
    /** A README is documentation, not a book: larger ones are refused. */
    public static final int MAX_README = 1 << 20;

    public EbpmPackage {
        FreeText.check("the README", readme, MAX_README);
        btfs = btfs == null ? KernelBtfArchive.EMPTY : btfs;
    }

    /** A package with no kernel BTF of its own. */
    public EbpmPackage(PackageInfo info, ObjectMeta meta, byte[] elf, String readme) {
        this(info, meta, elf, readme, KernelBtfArchive.EMPTY);
    }

    public EbpmPackage withBtfs(KernelBtfArchive newBtfs) {
        return new EbpmPackage(info, meta, elf, readme, newBtfs);
    }

    public EbpmPackage withInfo(PackageInfo newInfo) {
        return new EbpmPackage(newInfo, meta, elf, readme, btfs);
    }

    /** The same program as eunomia's {@code package.json} content. */
    public EunomiaPackage toEunomia() {
        return new EunomiaPackage(elf, meta, btfs);
    }

    public static EbpmPackage fromEunomia(EunomiaPackage pkg, PackageInfo info, String readme) {
        return new EbpmPackage(info, pkg.meta(), pkg.elf(), readme, pkg.btfs());
    }
}
