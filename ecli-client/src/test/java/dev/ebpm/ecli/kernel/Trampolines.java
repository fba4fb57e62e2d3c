package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;

/**
 * Whether this kernel lets fentry/fexit/lsm programs load. They need BPF trampolines (ftrace), which some
 * kernels and sandboxes forbid even to root (this machine's kernel refuses them with EPERM).
 */
final class Trampolines {
    static final String REASON = "this kernel refuses fentry/fexit/lsm programs (EPERM even as root: BPF "
        + "trampolines are not allowed here)";
    private static Boolean allowed;

    private Trampolines() {
    }

    static synchronized boolean allowed() {
        if (allowed == null) {
            EcliProcess probe = EcliProcess.run(30, "run", TestPackages.fixture("unlinks").resolve("package.json")
                .toString(), "--duration", "0.5");
            boolean refused = probe.exitCode() != 0 && probe.errText().contains("Operation not permitted (errno 1)");
            if (probe.exitCode() != 0 && !refused) {
                throw new AssertionError("the fentry probe failed for another reason than EPERM: " + probe.errText());
            }
            allowed = !refused;
        }
        return allowed;
    }
}
