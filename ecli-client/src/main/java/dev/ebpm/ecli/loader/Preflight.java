package dev.ebpm.ecli.loader;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.kernelbtf.KernelBtf;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.object.SectionKind;
import dev.ebpm.format.requirements.RequirementsReader;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what the kernel and the process must offer before anything is loaded, so each missing piece is
 * one clear line rather than a libbpf error number: privileges, kernel BTF, kprobe support, tracefs
 * (mounted here when ecli runs as root) and every tracepoint the programs attach to.
 */
public final class Preflight {
    public static final Path KERNEL_BTF = Path.of("/sys/kernel/btf/vmlinux");
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    static final Path DEBUGFS_TRACING = Path.of("/sys/kernel/debug/tracing");
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;
    private static final int CAP_BPF = 39;

    private Preflight() {
    }

    /**
     * What the checks found that the load needs: a BTF file to use instead of the kernel's (null: the
     * kernel's), and a line to tell the user about it (null: nothing to say). Closing it removes a BTF file
     * ecli wrote from the package.
     */
    public record Result(String btfCustomPath, String note, boolean temporary) implements AutoCloseable {
        public static final Result NONE = new Result(null, null, false);

        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(Path.of(btfCustomPath));
                } catch (IOException e) {
                    // A file in the temp directory: the system cleans it up.
                }
            }
        }
    }

    public static Result check(List<ProgMeta> progs, ElfFile elf, KernelBtfArchive packed, boolean networkPrograms) {
        checkPrivileges(networkPrograms);
        Result btf = checkKernelBtf(elf, progs, packed);
        for (ProgMeta p : progs) {
            if (Kprobes.attachesThroughKprobes(p.attach()) && !Kprobes.HERE.supported()) {
                throw EcliException.failed(Kprobes.HERE.unsupported(p.name(), p.attach()));
            }
        }
        List<ProgMeta> tracepoints = progs.stream()
            .filter(p -> SectionKind.of(p.attach()) == SectionKind.TRACEPOINT).toList();
        if (!tracepoints.isEmpty()) {
            Path events = tracefsEvents();
            for (ProgMeta p : tracepoints) {
                String target = SectionKind.target(p.attach());
                if (!Files.isDirectory(events.resolve(target))) {
                    throw EcliException.failed("tracepoint " + target + " does not exist on this kernel (program '"
                        + p.name() + "'); see " + events + " for the ones that do");
                }
            }
        }
        return btf;
    }

    static void checkPrivileges(boolean networkPrograms) {
        String problem = privilegeProblem(networkPrograms);
        if (problem != null) {
            throw EcliException.failed(problem);
        }
    }

    /** Why this process may not load programs (or attach tc/xdp ones), or null when it may. */
    public static String privilegeProblem(boolean networkPrograms) {
        BigInteger caps = effectiveCapabilities();
        boolean admin = caps.testBit(CAP_SYS_ADMIN);
        if (!admin && !caps.testBit(CAP_BPF)) {
            return "loading eBPF programs needs root, or the CAP_BPF and CAP_PERFMON capabilities; run ecli with sudo";
        }
        if (!admin && !caps.testBit(CAP_PERFMON)) {
            return "tracing programs need CAP_PERFMON besides CAP_BPF; run ecli with sudo";
        }
        if (networkPrograms && !caps.testBit(CAP_NET_ADMIN)) {
            return "attaching tc or xdp programs needs CAP_NET_ADMIN; run ecli with sudo";
        }
        return null;
    }

    private static BigInteger effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Fall through: treat as unprivileged and say so.
        }
        return BigInteger.ZERO;
    }

    /**
     * CO-RE relocations, fentry/fexit, lsm and tp_btf programs need the kernel's BTF. eunomia's
     * {@code BTF_FILE_PATH} can name a BTF file to use instead; it must be a file. On a kernel without BTF, a
     * package built with {@code ecc --btfgen} brings the BTF of the kernels it was built for: the one of this
     * kernel's release and architecture is written to a private temporary file for libbpf.
     */
    private static Result checkKernelBtf(ElfFile elf, List<ProgMeta> progs, KernelBtfArchive packed) {
        String custom = System.getenv("BTF_FILE_PATH");
        if (custom != null && !custom.isBlank()) {
            if (!Files.isRegularFile(Path.of(custom))) {
                throw EcliException.failed("BTF_FILE_PATH=" + custom + " is not a file; it must name a BTF file "
                    + "for this kernel");
            }
            return new Result(custom, null, false);
        }
        boolean needsBtf = RequirementsReader.hasCoreRelocations(elf) || progs.stream()
            .map(p -> SectionKind.of(p.attach())).anyMatch(k -> k.targetIsSetBeforeLoad());
        if (!needsBtf || Files.isReadable(KERNEL_BTF)) {
            return Result.NONE;
        }
        KernelBtf k = packedBtf(packed).orElseThrow(() -> EcliException.failed(missingBtf(packed)));
        try {
            Path file = Files.createTempFile("ecli-btf-", ".btf");
            // Removed when the run ends (Result.close), or with the JVM if the run fails before it starts.
            file.toFile().deleteOnExit();
            Files.write(file, k.btf());
            return new Result(file.toString(), "this kernel has no BTF of its own; using the package's BTF for "
                + k.describe(), true);
        } catch (IOException e) {
            throw EcliException.failed("cannot write the package's BTF for " + k.describe() + " to a temporary file: "
                + e.getMessage());
        }
    }

    /**
     * Why a program that needs the kernel's BTF cannot have it here, or null when it can: the kernel's own,
     * {@code BTF_FILE_PATH}, or the package's BTF for this kernel.
     */
    public static String missingBtf(KernelBtfArchive packed) {
        String custom = System.getenv("BTF_FILE_PATH");
        if (Files.isReadable(KERNEL_BTF) || custom != null && !custom.isBlank() || packedBtf(packed).isPresent()) {
            return null;
        }
        if (packed.isEmpty()) {
            return "this kernel has no BTF at " + KERNEL_BTF + ", which the program needs: run a kernel built with "
                + "CONFIG_DEBUG_INFO_BTF=y, set BTF_FILE_PATH to a BTF file for it, or build the package with ecc "
                + "--btfgen";
        }
        return "this kernel (" + KernelRelease.here() + ", " + Architectures.running()
            + ") has no BTF at " + KERNEL_BTF + ", and the package carries BTF only for " + packed.describe();
    }

    /** The package's BTF for this kernel's release and architecture (this distribution's first), if any. */
    private static Optional<KernelBtf> packedBtf(KernelBtfArchive packed) {
        Map<String, String> os = KernelRelease.osRelease();
        return packed.pick(KernelRelease.here(), System.getProperty("os.arch"), os.get("ID"), os.get("VERSION_ID"));
    }

    /** The events directory of tracefs, mounting tracefs first when it is missing and ecli may. */
    public static Path tracefsEvents() {
        if (Files.isDirectory(DEBUGFS_TRACING.resolve("events"))) {
            return DEBUGFS_TRACING.resolve("events");
        }
        if (Files.isDirectory(TRACEFS.resolve("events"))) {
            return TRACEFS.resolve("events");
        }
        if (NativeLibc.mount("tracefs", TRACEFS.toString(), "tracefs", 0, null) == 0
            && Files.isDirectory(TRACEFS.resolve("events"))) {
            return TRACEFS.resolve("events");
        }
        throw EcliException.failed("tracefs is not mounted, and tracepoints need it: as root, run "
            + "mount -t tracefs tracefs " + TRACEFS);
    }
}
