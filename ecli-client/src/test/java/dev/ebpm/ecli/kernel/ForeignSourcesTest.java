package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs written the way libbpf tools are written elsewhere, compiled by ecc and loaded by ecli unchanged:
 * each reproduces a fault that was found trying real sources.
 */
class ForeignSourcesTest extends KernelTest {
    @Test
    void kconfigExternsThroughUsdtHeadersLoad() {
        String pkg = TestPackages.source("compiler-worker/src/test/bpf/plain", "kconfig").resolve("package.json")
            .toString();
        EcliProcess ecli = EcliProcess.run(30, "run", pkg, "--duration", "0");
        assertThat(ecli.exitCode()).as(ecli.errText()).isZero();
        assertThat(ecli.errText()).contains("ecli: running kconfig").doesNotContain("failed to find BTF");
    }
}
