package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.NoKernelBtf;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.requirements.RequirementsReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kernels without BTF: in a private mount namespace with an empty /sys/kernel/btf, every example built with
 * {@code ecc --btfgen} runs on the minimized BTF it packed from this kernel's, as .ebpm and as eunomia's btfgen
 * tar; without packed BTF, or with BTF only for other kernels, the run is one line naming what is missing.
 */
class HiddenBtfTest extends KernelTest {
    private static final List<String> EXAMPLES = List.of("bashreadline", "execsnoop", "opensnoop", "profile",
        "runqlat", "sigsnoop", "tcpingress", "tcpstates");
    private static String release;
    private static Path thisKernel;
    private static Path otherKernels;

    @BeforeAll
    static void kernelBtfDirectories() throws IOException {
        release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        Path base = Files.createDirectories(Path.of("target/hidden-btf").toAbsolutePath());
        thisKernel = Files.createDirectories(base.resolve("this"));
        // This kernel's BTF named by its release, and a stand-in for another distribution's kernel, laid out as
        // BTFHub lays its archive out.
        Files.copy(Path.of("/sys/kernel/btf/vmlinux"), thisKernel.resolve(release + ".btf"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path other = Files.createDirectories(base.resolve("other/ubuntu/20.04/x86_64"));
        Files.copy(Path.of("/sys/kernel/btf/vmlinux"), other.resolve("5.4.0-42-generic.btf"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        otherKernels = base.resolve("other");
    }

    private static EcliProcess withoutKernelBtf(String... args) {
        EcliProcess ecli = EcliProcess.startWithPrefix(NoKernelBtf.prefix(), args);
        ecli.waitFor(60);
        return ecli;
    }

    @Test
    void everyExampleRunsOnTheBtfItPacked() throws IOException {
        int usedPackedBtf = 0;
        for (String example : EXAMPLES) {
            Path out = TestPackages.exampleWithBtf(example, thisKernel, "this");
            // A program without CO-RE relocations (profile) needs no BTF at all, packed or not.
            boolean needsBtf = RequirementsReader.hasCoreRelocations(ElfFile.parse(Files.readAllBytes(
                out.resolve(example + ".bpf.o"))));
            for (String file : List.of(example + ".ebpm", example + ".tar")) {
                EcliProcess ecli = withoutKernelBtf("run", out.resolve(file).toString(), "--duration", "0");
                assertThat(ecli.exitCode()).as(file + ": " + ecli.errText()).isZero();
                assertThat(ecli.errText()).as(file).contains("ecli: running " + example);
                assertThat(ecli.errText().contains("ecli: this kernel has no BTF of its own; using the package's BTF "
                    + "for " + release + " (x86_64)")).as(file + ": " + ecli.errText()).isEqualTo(needsBtf);
            }
            usedPackedBtf += needsBtf ? 1 : 0;
        }
        assertThat(usedPackedBtf).as("examples that ran on packed BTF").isGreaterThanOrEqualTo(5);
    }

    @Test
    void withoutPackedBtfOrWithOnlyOtherKernelsItIsOneLine() {
        EcliProcess plain = withoutKernelBtf("run", TestPackages.example("tcpstates").toString(), "--duration", "0");
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.err()).containsExactly("ecli: error: this kernel has no BTF at /sys/kernel/btf/vmlinux, "
            + "which the program needs: run a kernel built with CONFIG_DEBUG_INFO_BTF=y, set BTF_FILE_PATH to a BTF "
            + "file for it, or build the package with ecc --btfgen");

        Path other = TestPackages.exampleWithBtf("tcpstates", otherKernels, "other");
        EcliProcess elsewhere = withoutKernelBtf("run", other.resolve("tcpstates.ebpm").toString(), "--duration", "0");
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.err()).containsExactly("ecli: error: this kernel (" + release + ", x86_64) has no BTF at "
            + "/sys/kernel/btf/vmlinux, and the package carries BTF only for 5.4.0-42-generic (ubuntu 20.04, x86_64)");
        EcliProcess check = withoutKernelBtf("check", other.resolve("tcpstates.tar").toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.outText()).contains("and the package carries BTF only for 5.4.0-42-generic (ubuntu 20.04, "
            + "x86_64)");
    }
}
