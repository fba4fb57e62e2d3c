package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.TestPackages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whether this kernel lets fentry/fexit/lsm programs load. They need BPF trampolines (ftrace), which some
 * kernels and sandboxes forbid even to root (this machine's kernel refuses them with EPERM). Asked of bpftool,
 * not of ecli, whose own probe is what the tests check.
 */
final class Trampolines {
    static final String REASON = "this kernel refuses fentry/fexit/lsm programs (EPERM even as root: BPF "
        + "trampolines are not allowed here)";
    private static Boolean allowed;

    private Trampolines() {
    }

    static synchronized boolean allowed() {
        if (allowed == null) {
            Path object = TestPackages.fixture("unlinks").resolve("unlinks.bpf.o");
            Path pin = Path.of("/sys/fs/bpf/ebpm-test-trampolines-" + ProcessHandle.current().pid());
            try {
                Process p = new ProcessBuilder("bpftool", "prog", "load", object.toString(), pin.toString(),
                    "autoattach").redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("bpftool prog load did not end");
                }
                boolean refused = p.exitValue() != 0 && said.contains("Operation not permitted");
                if (p.exitValue() != 0 && !refused) {
                    throw new AssertionError("the fentry probe failed for another reason than EPERM: " + said);
                }
                allowed = !refused;
            } catch (IOException e) {
                throw new AssertionError("bpftool could not run: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                remove(pin);
            }
        }
        return allowed;
    }

    private static void remove(Path pin) {
        if (!Files.exists(pin)) {
            return;
        }
        try (Stream<Path> all = Files.walk(pin)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new AssertionError("could not remove " + pin + ": " + e.getMessage(), e);
        }
    }
}
