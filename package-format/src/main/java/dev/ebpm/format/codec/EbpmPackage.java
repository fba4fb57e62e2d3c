package dev.ebpm.format.codec;

import dev.ebpm.format.FreeText;
import dev.ebpm.format.meta.ObjectMeta;

/**
 * An ebpm package: identity, the eunomia meta, the BPF ELF object and an optional README (markdown).
 * {@link EbpmPackageCodec} stores it as a small tar of {@code manifest.json}, {@code meta.json},
 * {@code object.bpf.o.zst} and {@code README.md}. The ELF array is not copied; callers must not change it.
 */
public record EbpmPackage(PackageInfo info, ObjectMeta meta, byte[] elf, String readme) {
    /** A README is documentation, not a book: larger ones are refused. */
    public static final int MAX_README = 1 << 20;

    public EbpmPackage {
        FreeText.check("the README", readme, MAX_README);
    }

    /** The same program as eunomia's {@code package.json} content. */
    public EunomiaPackage toEunomia() {
        return new EunomiaPackage(elf, meta);
    }

    public static EbpmPackage fromEunomia(EunomiaPackage pkg, PackageInfo info, String readme) {
        return new EbpmPackage(info, pkg.meta(), pkg.elf(), readme);
    }
}
