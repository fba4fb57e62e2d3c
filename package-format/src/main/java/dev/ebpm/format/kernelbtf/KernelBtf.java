package dev.ebpm.format.kernelbtf;

import dev.ebpm.format.PackageFormatException;

import java.util.regex.Pattern;

/**
 * The BTF of one kernel: the distribution ({@code ubuntu}, from os-release's ID) and its version
 * ({@code 20.04}, VERSION_ID), the architecture as BTFHub names it ({@code x86_64}, {@code arm64}), the
 * kernel release ({@code uname -r}) and the BTF itself.
 */
public record KernelBtf(String distro, String distroVersion, String arch, String release, byte[] btf) {
    public static final String ROOT = "btfhub-archive";
    /** The distribution and version of BTF given as a plain RELEASE.btf file. */
    public static final String ANY = "any";
    /** BTF's magic number, little-endian: what every raw BTF file starts with. */
    private static final int MAGIC = 0xeb9f;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}");

    public KernelBtf {
        for (String part : new String[] {distro, distroVersion, arch, release}) {
            if (part == null || !SEGMENT.matcher(part).matches()) {
                throw new PackageFormatException("kernel BTF: \"" + part + "\" is not a distribution, version, "
                    + "architecture or kernel release (letters, digits and . _ + ~ -, at most 128)");
            }
        }
        if (btf.length < 24 || ((btf[0] & 0xff) | (btf[1] & 0xff) << 8) != MAGIC) {
            throw new PackageFormatException("kernel BTF for " + release + " is not raw BTF (no 0xeb9f magic)");
        }
    }

    /** Where it sits in the archive. */
    public String path() {
        return ROOT + "/" + distro + "/" + distroVersion + "/" + arch + "/" + release + ".btf";
    }

    /** {@code 5.4.0-42-generic (ubuntu 20.04, x86_64)}; {@code RELEASE (x86_64)} for a file named by release only. */
    public String describe() {
        return release + " (" + (distro.equals(ANY) ? "" : distro + " " + distroVersion + ", ") + arch + ")";
    }


}
