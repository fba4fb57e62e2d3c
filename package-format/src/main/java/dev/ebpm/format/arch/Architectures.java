package dev.ebpm.format.arch;

import java.util.List;
import java.util.Locale;

/**
 * The architectures a package can be built for, named as {@code uname -m} does except {@code arm64} (as BTFHub
 * and the kernel's source tree do), with the other spellings users and runtimes have: Java's {@code amd64},
 * uname's {@code aarch64}. One table, for ecc's {@code --target-arch}, the package's {@code arch}, packed BTF
 * and the running machine; OCI's platform names ({@link #ociName}) are read by {@link #of} too.
 */
public final class Architectures {
    public static final List<String> KNOWN = List.of("x86_64", "arm64", "riscv64", "s390x", "ppc64le", "loongarch64");

    private Architectures() {
    }

    /** The ebpm name of an architecture, or the text itself (lower case) when it is none ebpm knows. */
    public static String of(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "amd64", "x86-64", "x64" -> "x86_64";
            case "aarch64" -> "arm64";
            case "loong64" -> "loongarch64";
            default -> n;
        };
    }

    public static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    /** This machine's. */
    public static String running() {
        return of(System.getProperty("os.arch"));
    }

    /** The name an OCI image index's {@code platform.architecture} gives it (Go's GOARCH). */
    public static String ociName(String arch) {
        return switch (arch) {
            case "x86_64" -> "amd64";
            case "loongarch64" -> "loong64";
            default -> arch;
        };
    }

    /** The {@code __TARGET_ARCH_*} suffix libbpf's bpf_tracing.h expects. */
    public static String targetArchMacro(String arch) {
        return switch (arch) {
            case "x86_64" -> "x86";
            case "riscv64" -> "riscv";
            case "s390x" -> "s390";
            case "ppc64le" -> "powerpc";
            case "loongarch64" -> "loongarch";
            default -> arch;
        };
    }
}
