package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.KernelState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that load programs into the running kernel, tagged {@code kernel}. They need root (and
 * fail without it, saying so), and each checks that it left no program, link or tc filter behind.
 */
@Tag("kernel")
abstract class KernelTest {
    private KernelState before;

    @BeforeEach
    void needRootAndRecordKernelState() {
        KernelState.requireRoot();
        before = KernelState.now();
    }

    @AfterEach
    void nothingLeftLoaded() throws InterruptedException {
        if (before == null) {
            return;
        }
        assertThat(KernelState.settled(before)).as("programs, links and tc filters after the test").isEqualTo(before);
    }

    /** Runs a command to the end and returns its exit code. */
    static int sh(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
