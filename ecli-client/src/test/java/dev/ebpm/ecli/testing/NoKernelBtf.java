package dev.ebpm.ecli.testing;

import java.util.List;

/**
 * A kernel without BTF, as far as one process can tell: a private mount namespace with an empty tmpfs over
 * /sys/kernel/btf (as root). Exit code 99 if the BTF could not be hidden.
 */
public final class NoKernelBtf {
    private NoKernelBtf() {
    }

    /** The command that runs what follows it with /sys/kernel/btf/vmlinux hidden. */
    public static List<String> prefix() {
        return List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
            "mount -t tmpfs none /sys/kernel/btf && test ! -e /sys/kernel/btf/vmlinux || exit 99; exec \"$@\"", "sh");
    }
}
