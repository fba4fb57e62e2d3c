package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Without tracefs, ecli (as root) mounts it before attaching tracepoints. Run in a private mount namespace. */
class TracefsTest extends KernelTest {
    @Test
    void ecliMountsTracefsWhenItIsMissing() {
        List<String> prefix = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
            "umount /sys/kernel/debug/tracing 2>/dev/null; umount /sys/kernel/tracing 2>/dev/null; "
                + "umount /sys/kernel/debug 2>/dev/null; test ! -d /sys/kernel/tracing/events || exit 99; "
                + "\"$@\"; rc=$?; test -d /sys/kernel/tracing/events || exit 98; exit $rc", "sh"));
        EcliProcess ecli = EcliProcess.startWithPrefix(prefix, "run", TestPackages.example("execsnoop").toString(),
            "--duration", "1");
        int exit = ecli.waitFor(30);
        // 99: tracefs could not be taken away; 98: ecli ran but tracefs was not mounted in its namespace after.
        assertThat(exit).as(ecli.errText()).isZero();
        assertThat(ecli.errText()).contains("ecli: running execsnoop");
    }
}
