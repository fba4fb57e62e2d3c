package dev.ebpm.ecli.resolve;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ObjectMeta;

import java.util.List;

/**
 * A package ready to run: its meta and BPF object, where it came from (for messages), its identity and
 * README when it is an ebpm package (null for eunomia's package.json), and the BTF it carries for kernels
 * without their own (empty for most). Made only by the two factories, whichever way the package arrived.
 */
public record LoadedPackage(ObjectMeta meta, byte[] elf, String origin, PackageInfo info, String readme,
                            KernelBtfArchive btfs) implements Loaded {
    public static LoadedPackage of(EbpmPackage p, String origin) {
        return new LoadedPackage(p.meta(), p.elf(), origin, p.info(), p.readme(), p.btfs());
    }

    public static LoadedPackage of(EunomiaPackage p, String origin) {
        return new LoadedPackage(p.meta(), p.elf(), origin, null, null, p.btfs());
    }

    /** The architecture it was built for, or null (any): eunomia's package.json has no identity to say. */
    public String arch() {
        return info == null ? null : info.arch();
    }

    /**
     * The package to publish as {@code name} and {@code version}: its description, license, keywords, README,
     * architecture and kernel BTF kept (none of the first for eunomia's package.json). A name or version the
     * package format refuses is a usage error.
     */
    public EbpmPackage publishedAs(String name, String version) {
        try {
            return new EbpmPackage(new PackageInfo(name, version, info == null ? null : info.description(),
                info == null ? null : info.license(), info == null ? List.of() : info.keywords(), arch()), meta, elf,
                readme, btfs);
        } catch (PackageFormatException e) {
            throw EcliException.usage(e.getMessage());
        }
    }

    /** The name shown to the user: the package name, else the object name. */
    public String displayName() {
        if (info != null) {
            return info.name();
        }
        String obj = meta.bpfSkel().objName();
        return obj.endsWith("_bpf") ? obj.substring(0, obj.length() - 4) : obj;
    }
}
