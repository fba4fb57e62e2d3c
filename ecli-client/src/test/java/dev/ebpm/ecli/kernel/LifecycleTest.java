package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.KernelState;
import dev.ebpm.ecli.testing.TestPackages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a run ends detaches everything: SIGINT, SIGTERM, --duration, over and over. */
class LifecycleTest extends KernelTest {
    @Test
    void twentyRunsEndedEachWayLeaveNothingLoaded() throws Exception {
        KernelState before = KernelState.now();
        String[] packages = {TestPackages.example("execsnoop").toString(), TestPackages.example("opensnoop").toString(),
            TestPackages.example("tcpingress").toString(), TestPackages.example("runqlat").toString()};
        for (int i = 0; i < 20; i++) {
            String pkg = packages[i % packages.length];
            int way = i % 3;
            EcliProcess ecli = way == 2 ? EcliProcess.start("run", pkg, "--duration", "1")
                : EcliProcess.start("run", pkg);
            ecli.awaitRunning(30);
            if (way == 0) {
                ecli.signal("INT");
            } else if (way == 1) {
                ecli.signal("TERM");
            }
            assertThat(ecli.waitFor(20)).as("run %d (%s) ended with: %s", i, pkg, ecli.errText()).isZero();
        }
        assertThat(KernelState.settled(before)).isEqualTo(before);
    }

    @Test
    void aProgramWithoutOutputSaysSoAndWaits() {
        EcliProcess ecli = EcliProcess.run(30, "run", TestPackages.fixture("printk").resolve("package.json").toString(),
            "--duration", "1");
        assertThat(ecli.exitCode()).isZero();
        assertThat(ecli.err()).anyMatch(l -> l.contains("has no event or sampled map")
            && l.contains("/sys/kernel/tracing/trace_pipe"));
        assertThat(ecli.out()).isEmpty();
    }
}
