package dev.ebpm.ecli.hub;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.HubStack;
import dev.ebpm.ecli.testing.KernelState;
import dev.ebpm.ecli.testing.NoKernelBtf;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.codec.EbpmPackageCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub end to end, with real processes: sources pushed with {@code ecli push DIR} are compiled by worker
 * processes in their sandbox and published by registry-server; {@code ecli run NAME:latest} pulls and runs
 * them in the kernel; the cache serves offline and pinned runs and heals itself; a killed worker's build
 * goes to another worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubEndToEndTest {
    private static final List<String> EXAMPLES = List.of("sigsnoop", "opensnoop", "execsnoop", "runqlat",
        "bashreadline", "tcpingress", "tcpstates", "profile");

    private HubStack hub;
    /** One ecli "user" for the whole class: its config (the login) and cache carry from test to test. */
    private Path home;
    private Map<String, String> env;

    @BeforeAll
    void startHub() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "e2e-home");
        hub = HubStack.start();
        hub.startWorker();
        hub.startWorker();
    }

    private KernelState before;

    @BeforeEach
    void recordKernelState() {
        before = KernelState.isRoot() ? KernelState.now() : null;
    }

    @AfterEach
    void nothingLeftLoaded() throws InterruptedException {
        if (before == null) {
            return;
        }
        assertThat(KernelState.settled(before)).as("programs, links and tc filters after the test").isEqualTo(before);
    }

    @AfterAll
    void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private EcliProcess ecli(long seconds, String... args) {
        return EcliProcess.runWithEnv(seconds, env(), args);
    }

    private Map<String, String> env() {
        if (env == null) {
            env = hub.ecliEnv(home);
            EcliProcess login = EcliProcess.runWithEnv(60, env, "login", "--token", hub.token("e2e publisher",
                "publish:*"));
            assertThat(login.exitCode()).as(login.errText()).isZero();
        }
        return env;
    }

    @Test
    @Order(1)
    void everyExamplePushedAsSourcesIsCompiledAndPublished() {
        for (String example : EXAMPLES) {
            EcliProcess push = ecli(180, "push", TestPackages.ROOT.resolve("examples").resolve(example).toString(),
                example + ":1.0.0");
            assertThat(push.exitCode()).as(push.errText()).isZero();
            assertThat(push.outText()).contains("published " + example + "@1.0.0");
        }
        EcliProcess search = ecli(60, "search", "signal");
        assertThat(search.outText()).contains("sigsnoop");
        EcliProcess info = ecli(60, "info", "opensnoop");
        assertThat(info.outText()).contains("--pid_target", "prints struct event");
    }

    /**
     * A wasm-bpf tool's directory (NAME.bpf.c, NAME.h, NAME.c) is built by a worker into its module; a module
     * file is published as it is; both pull back byte for byte as app.wasm.
     */
    @Test
    @Order(1)
    void wasmToolsArePublishedFromSourcesAndAsModuleFiles() throws Exception {
        for (String tool : List.of("proclife", "syscalltop")) {
            EcliProcess push = ecli(180, "push", TestPackages.ROOT.resolve("examples").resolve(tool).toString(),
                tool + ":1.0.0");
            assertThat(push.exitCode()).as(push.errText()).isZero();
            assertThat(push.outText()).contains("published " + tool + "@1.0.0");
        }
        EcliProcess info = ecli(60, "info", "proclife");
        assertThat(info.outText()).contains("a wasm-bpf module", "handle_exec", "output: module")
            .doesNotContain("flags:");
        Path pulled = home.resolve("proclife.wasm");
        EcliProcess pull = ecli(60, "pull", "proclife:1.0.0", "-o", pulled.toString());
        assertThat(pull.exitCode()).as(pull.errText()).isZero();
        byte[] served = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            hub.url().resolve("/api/v1/packages/proclife/-/versions/1.0.0/app.wasm")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(Files.readAllBytes(pulled)).isEqualTo(served).startsWith(0, 'a', 's', 'm');
        EcliProcess wrongFormat = ecli(60, "pull", "proclife:1.0.0", "-o", home.resolve("p.ebpm").toString());
        assertThat(wrongFormat.err()).containsExactly("ecli: error: proclife@1.0.0 is a wasm module, not a package: "
            + "write it to a .wasm file");

        Path file = TestPackages.wasmExample("proclife");
        EcliProcess pushFile = ecli(60, "push", file.toString(), "files/proclife:1.0.0");
        assertThat(pushFile.exitCode()).as(pushFile.errText()).isZero();
        assertThat(pushFile.outText()).startsWith("published wasm module files/proclife@1.0.0 (sha256:");
        EcliProcess notAModule = ecli(60, "push", TestPackages.ROOT.resolve("README.md").toString(), "files/x:1.0.0");
        assertThat(notAModule.exitCode()).isNotZero();
    }

    /** A registry reference is checked from what the hub recorded at publish: nothing is downloaded. */
    @Test
    @Order(2)
    @Tag("kernel")
    void checkByNameAnswersWithoutDownloading() throws IOException {
        KernelState.requireRoot();
        long before = blobs();
        EcliProcess check = ecli(60, "check", "tcpstates:1.0.0");
        assertThat(check.exitCode()).as(check.outText() + check.errText()).isZero();
        assertThat(check.out().get(0)).startsWith("tcpstates@1.0.0 on Linux ").contains("can run here");
        assertThat(check.outText()).contains("  ok    handle_set_state (tracepoint/sock/inet_sock_set_state)");
        EcliProcess module = ecli(60, "check", "syscalltop:1.0.0");
        assertThat(module.exitCode()).as(module.outText() + module.errText()).isZero();
        assertThat(blobs()).as("blobs in ecli's cache").isEqualTo(before);
        EcliProcess missing = ecli(60, "check", "no-such-package:1.0.0");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).hasSize(1);
    }

    private long blobs() throws IOException {
        Path dir = home.resolve("cache/ebpm/blobs");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    @Order(2)
    @Tag("kernel")
    void wasmToolsRunByNameAndShowWhatTheTestDoes() throws Exception {
        KernelState.requireRoot();
        try (EcliProcess run = EcliProcess.startWithEnv(env(), "run", "proclife:latest", "--min-duration-ms",
            "250")) {
            assertThat(run.awaitOutput("LIFETIME_MS", 60)).as(run.errText()).isTrue();
            Thread.sleep(300);
            assertThat(new ProcessBuilder("sleep", "0.4").start().waitFor()).isZero();
            assertThat(run.awaitOutput(" sleep ", 10)).as(run.errText()).isTrue();
            run.signal("TERM");
            assertThat(run.waitFor(20)).isZero();
        }
        EcliProcess top = EcliProcess.runWithEnv(60, env(), "run", "files/proclife@1.0.0", "--count", "1", "--duration",
            "3");
        assertThat(top.exitCode()).as(top.errText()).isZero();
        assertThat(top.outText()).contains("LIFETIME_MS");
        EcliProcess syscalls = EcliProcess.runWithEnv(60, env(), "run", "syscalltop:1.0.0", "--count", "2");
        assertThat(syscalls.exitCode()).as(syscalls.errText()).isZero();
        assertThat(syscalls.out().stream().filter(l -> l.endsWith(" processes")).count()).isEqualTo(2);
    }

    @Test
    @Order(2)
    @Tag("kernel")
    void sigsnoopRunsByNameAndShowsASignal() throws Exception {
        KernelState.requireRoot();
        Process target = new ProcessBuilder("sleep", "60").start();
        try (EcliProcess run = EcliProcess.startWithEnv(env(), "run", "sigsnoop:latest", "--signal", "10",
            "--duration", "20")) {
            run.awaitRunning(60);
            assertThat(new ProcessBuilder("kill", "-USR1", Long.toString(target.pid())).start().waitFor()).isZero();
            assertThat(run.awaitOutput(Long.toString(target.pid()), 10)).as(run.errText()).isTrue();
            run.signal("INT");
            assertThat(run.waitFor(20)).isZero();
        } finally {
            target.destroyForcibly();
        }
    }

    /**
     * One version built for two architectures (an OCI image index; the other arch's object built from our
     * sources with this kernel's BTF standing in for its types): run and pull take this machine's build,
     * {@code pull --arch} the other; an index without this machine's arch is refused in one line.
     */
    @Test
    @Order(2)
    @Tag("kernel")
    void aVersionBuiltForSeveralArchitecturesGivesEachMachineItsBuild() throws IOException {
        KernelState.requireRoot();
        String here = Architectures.running();
        String other = here.equals("arm64") ? "x86_64" : "arm64";
        String third = "riscv64";
        Path mine = TestPackages.exampleForArch("sigsnoop", here);
        Path theirs = TestPackages.exampleForArch("sigsnoop", other);
        EcliProcess push = ecli(120, "push", mine.toString(), theirs.toString(), "arch/sigsnoop:1.0.0");
        assertThat(push.exitCode()).as(push.errText()).isZero();
        assertThat(push.outText()).contains("published arch/sigsnoop@1.0.0 for " + here + ", " + other + " (sha256:");

        Path dir = Files.createTempDirectory(home, "arch");
        EcliProcess pull = ecli(60, "pull", "arch/sigsnoop@1.0.0", "-o", dir.resolve("here.ebpm").toString());
        assertThat(pull.exitCode()).as(pull.errText()).isZero();
        assertThat(pull.outText()).contains(", the " + here + " build)");
        assertThat(archOf(dir.resolve("here.ebpm"))).isEqualTo(here);
        EcliProcess pullOther = ecli(60, "pull", "arch/sigsnoop@1.0.0", "--arch", Architectures.ociName(other), "-o",
            dir.resolve("other.ebpm").toString());
        assertThat(pullOther.exitCode()).as(pullOther.errText()).isZero();
        assertThat(pullOther.outText()).contains(", the " + other + " build)");
        assertThat(archOf(dir.resolve("other.ebpm"))).isEqualTo(other);
        assertThat(digestIn(pull.outText())).as("one version, one digest: the index's")
            .isEqualTo(digestIn(pullOther.outText())).isNotNull();

        EcliProcess run = ecli(60, "run", "arch/sigsnoop@1.0.0", "--duration", "1");
        assertThat(run.exitCode()).as(run.errText()).isZero();
        // The index and this machine's build are cached: the version runs offline too.
        EcliProcess offline = ecli(60, "run", "arch/sigsnoop@1.0.0", "--offline", "--dry-run");
        assertThat(offline.exitCode()).as(offline.errText()).isZero();
        EcliProcess check = ecli(60, "check", "arch/sigsnoop@1.0.0");
        assertThat(check.out().get(0)).as(check.errText()).startsWith("arch/sigsnoop@1.0.0 (its " + here + " build) on Linux")
            .contains("can run here");
        EcliProcess info = ecli(60, "info", "arch/sigsnoop@1.0.0");
        assertThat(info.outText()).contains("built for " + here + ", " + other, "  (" + here + ", " + other + ")");

        Path far = TestPackages.exampleForArch("sigsnoop", third);
        EcliProcess elsewhere = ecli(120, "push", theirs.toString(), far.toString(), "arch/elsewhere:1.0.0");
        assertThat(elsewhere.exitCode()).as(elsewhere.errText()).isZero();
        String none = "has no build for " + here + " (this machine); it is built for " + other + ", " + third;
        for (String cmd : List.of("pull", "run")) {
            EcliProcess refused = ecli(60, cmd, "arch/elsewhere:1.0.0");
            assertThat(refused.exitCode()).as(refused.errText()).isEqualTo(3);
            assertThat(refused.err()).singleElement().asString().contains(none);
        }
        EcliProcess noCheck = ecli(60, "check", "arch/elsewhere@1.0.0");
        assertThat(noCheck.exitCode()).isEqualTo(1);
        assertThat(noCheck.outText()).contains("cannot run here", "built for " + other + " or " + third);
        EcliProcess missing = ecli(60, "pull", "arch/elsewhere:1.0.0", "--arch", "s390x");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.errText()).contains("has no build for s390x; it is built for " + other + ", " + third);

        EcliProcess twice = ecli(60, "push", mine.toString(), mine.toString(), "arch/twice:1.0.0");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.errText()).contains("are both built for " + here);
        EcliProcess any = ecli(60, "push", TestPackages.example("sigsnoop").toString(), theirs.toString(),
            "arch/any:1.0.0");
        assertThat(any.exitCode()).isEqualTo(2);
        assertThat(any.errText()).contains("is built for any architecture");
        EcliProcess badArch = ecli(60, "pull", "arch/sigsnoop@1.0.0", "--arch", "mips");
        assertThat(badArch.exitCode()).isEqualTo(2);
        assertThat(badArch.errText()).contains("--arch: expected one of");
    }

    /** A package built with ecc --btfgen keeps its kernel BTF through the hub: run by name on a kernel without BTF. */
    @Test
    @Order(2)
    @Tag("kernel")
    void aBtfgenPackageRunsByNameOnAKernelWithoutBtf() throws IOException {
        KernelState.requireRoot();
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        Path btfs = Files.createDirectories(home.resolve("btfgen"));
        Files.copy(Path.of("/sys/kernel/btf/vmlinux"), btfs.resolve(release + ".btf"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = TestPackages.exampleWithBtf("tcpstates", btfs, "hub");
        EcliProcess push = ecli(60, "push", out.resolve("tcpstates.ebpm").toString(), "btf/tcpstates:1.0.0");
        assertThat(push.exitCode()).as(push.errText()).isZero();
        EcliProcess run = EcliProcess.startWithPrefixAndEnv(NoKernelBtf.prefix(), env(), "run", "btf/tcpstates@1.0.0",
            "--duration", "0");
        int exit = run.waitFor(60);
        assertThat(exit).as(run.errText()).isZero();
        assertThat(run.errText()).contains("ecli: this kernel has no BTF of its own; using the package's BTF for "
            + release);
    }

    private static String digestIn(String text) {
        Matcher m = Pattern.compile("sha256:[0-9a-f]{64}").matcher(text);
        return m.find() ? m.group() : null;
    }

    private static String archOf(Path file) throws IOException {
        return EbpmPackageCodec.read(Files.readAllBytes(file), file.toString()).info().arch();
    }

    @Test
    @Order(3)
    @Tag("kernel")
    void theCacheServesOfflineAndPinnedRunsAndHealsCorruption() throws IOException {
        KernelState.requireRoot();
        EcliProcess pull = ecli(60, "pull", "opensnoop:latest");
        assertThat(pull.exitCode()).as(pull.errText()).isZero();
        Matcher digest = Pattern.compile("(sha256:[0-9a-f]{64})").matcher(pull.outText());
        assertThat(digest.find()).isTrue();

        // Offline, ecli makes no registry client at all: only the cache can answer.
        EcliProcess offline = ecli(60, "run", "opensnoop@1.0.0", "--offline", "--duration", "1");
        assertThat(offline.exitCode()).as(offline.errText()).isZero();
        EcliProcess pinned = ecli(60, "run", "opensnoop@" + digest.group(1), "--offline", "--duration", "1");
        assertThat(pinned.exitCode()).as(pinned.errText()).isZero();

        try (Stream<Path> blobs = Files.walk(home.resolve("cache/ebpm/blobs"))) {
            for (Path blob : blobs.filter(Files::isRegularFile).toList()) {
                Files.write(blob, new byte[] {'x'}, StandardOpenOption.APPEND);
            }
        }
        EcliProcess healed = ecli(60, "run", "opensnoop@1.0.0", "--duration", "1");
        assertThat(healed.exitCode()).as(healed.errText()).isZero();
        assertThat(healed.errText()).contains("was corrupt; removed it, fetching it again");
        EcliProcess offlineAgain = ecli(60, "run", "opensnoop@1.0.0", "--offline", "--duration", "1");
        assertThat(offlineAgain.exitCode()).as(offlineAgain.errText()).isZero();
    }

    @Test
    @Order(4)
    void aBuildWhoseWorkerIsKilledIsFinishedByAnother() throws Exception {
        hub.stopWorkers();
        Process first = hub.startWorker();
        Path sources = Files.createDirectories(home.resolve("killed"));
        for (String f : List.of("execsnoop.bpf.c", "execsnoop.h")) {
            Files.copy(TestPackages.ROOT.resolve("examples/execsnoop").resolve(f), sources.resolve(f));
        }
        Files.writeString(sources.resolve("execsnoop.bpf.c"), "\n// e2e " + System.nanoTime() + "\n",
            StandardOpenOption.APPEND);
        try (EcliProcess push = EcliProcess.startWithEnv(env(), "push", sources.toString(), "killed/execsnoop:1.0.0")) {
            String id = awaitBuild(push);
            awaitState(id, "running", 60);
            first.destroyForcibly().waitFor();
            hub.startWorker();
            assertThat(push.waitFor(120)).as(push.errText()).isZero();
            String build = hub.get("/api/v1/builds/" + id);
            assertThat(build).contains("\"state\":\"succeeded\"", "\"attempts\":2", "lease expired");
        }
    }

    @Test
    @Order(5)
    void aRegistryThatRestartsDuringACompileLosesNothing() throws Exception {
        hub.stopWorkers();
        hub.startWorker();
        Path sources = Files.createDirectories(home.resolve("restart"));
        for (String f : List.of("opensnoop.bpf.c", "opensnoop.h")) {
            Files.copy(TestPackages.ROOT.resolve("examples/opensnoop").resolve(f), sources.resolve(f));
        }
        Files.writeString(sources.resolve("opensnoop.bpf.c"), "\n// e2e " + System.nanoTime() + "\n",
            StandardOpenOption.APPEND);
        try (EcliProcess push = EcliProcess.startWithEnv(env(), "push", sources.toString(),
            "restart/opensnoop:1.0.0")) {
            String id = awaitBuild(push);
            awaitState(id, "running", 60);
            hub.killRegistry();
            // The worker goes on with the build while the registry is down and retries what it must send or fetch.
            awaitLog(id, "; retrying in", 60);
            hub.restartRegistry();
            assertThat(push.waitFor(120)).as(push.errText()).isZero();
            assertThat(push.outText()).contains("published restart/opensnoop@1.0.0");
            assertThat(push.errText()).contains("still following build " + id);
            String build = hub.get("/api/v1/builds/" + id);
            assertThat(build).as("compiled once, not again after the lease expired").contains("\"state\":"
                + "\"succeeded\"", "\"attempts\":1");
        }
    }

    @Test
    @Order(7)
    void aVersionTheAdministratorsRemovedIsRefusedAndItsCachedCopyDeleted() throws Exception {
        EcliProcess pull = ecli(60, "pull", "tcpstates@1.0.0");
        assertThat(pull.exitCode()).as(pull.errText()).isZero();
        String removal = hub.delete("/api/v1/packages/tcpstates/-/versions/1.0.0",
            "{\"reason\": \"a test: it leaked a secret\"}", HubStack.ADMIN);
        assertThat(removal).contains("\"reason\":\"a test: it leaked a secret\"");
        // Within ten minutes of the pull a pinned run would not ask; --pull always does.
        EcliProcess run = ecli(60, "run", "tcpstates@1.0.0", "--pull", "always", "--dry-run");
        assertThat(run.exitCode()).as(run.errText()).isEqualTo(8);
        assertThat(run.errText()).contains("tcpstates@1.0.0 was removed from this registry on ",
            ": a test: it leaked a secret", "ecli deleted its cached copy");
        EcliProcess offline = ecli(60, "run", "tcpstates@1.0.0", "--offline", "--dry-run");
        assertThat(offline.exitCode()).as(offline.errText()).isEqualTo(8);
        EcliProcess info = ecli(60, "info", "tcpstates@1.0.0");
        assertThat(info.exitCode()).isEqualTo(8);
    }

    /** Waits until a worker logs a line with both texts (a build's id, and that it retries, say). */
    private static void awaitLog(String text, String also, long seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> logs = Files.list(Path.of("target/e2e"))) {
                for (Path log : logs.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.log")).toList()) {
                    if (Files.readString(log).lines().anyMatch(l -> l.contains(text) && l.contains(also))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no worker logged \"" + text + "\" with \"" + also + "\" in " + seconds + " s");
    }

    @Test
    @Order(6)
    void theSandboxKeepsHostFilesAwayAndStopsRunawayCompiles() throws IOException {
        Path shadow = Files.createDirectories(home.resolve("shadow"));
        Files.writeString(shadow.resolve("peek.bpf.c"), """
            #include "vmlinux.h"
            #include <bpf/bpf_helpers.h>
            #include "/etc/shadow"
            char LICENSE[] SEC("license") = "GPL";
            SEC("tp/syscalls/sys_enter_kill") int peek(void *ctx) { return 0; }
            """);
        EcliProcess peek = ecli(180, "push", shadow.toString(), "sandbox/peek:1.0.0");
        assertThat(peek.exitCode()).isEqualTo(7);
        assertThat(peek.errText()).contains("'/etc/shadow' file not found", "build ");

        Path bomb = Files.createDirectories(home.resolve("bomb"));
        StringBuilder src = new StringBuilder("#include \"vmlinux.h\"\n#include <bpf/bpf_helpers.h>\n");
        src.append("#define A0 1+1+1+1+1+1+1+1+1+1+\n");
        for (int i = 1; i <= 9; i++) {
            src.append("#define A").append(i).append(' ').append(("A" + (i - 1) + " ").repeat(10)).append('\n');
        }
        src.append("int v = A9 A9 0;\nchar LICENSE[] SEC(\"license\") = \"GPL\";\n")
            .append("SEC(\"tp/syscalls/sys_enter_kill\") int boom(void *ctx) { return 0; }\n");
        Files.writeString(bomb.resolve("boom.bpf.c"), src.toString());
        EcliProcess boom = ecli(300, "push", bomb.toString(), "sandbox/boom:1.0.0");
        assertThat(boom.exitCode()).as(boom.errText()).isEqualTo(7);
        assertThat(boom.errText()).containsAnyOf("ran out of memory", "of CPU time", "did not finish within");
    }

    private static String awaitBuild(EcliProcess push) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher m = Pattern.compile("build ([0-9a-f-]{36})").matcher(push.errText());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ecli push did not say which build it started:\n" + push.errText());
    }

    private void awaitState(String id, String state, long seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            if (hub.get("/api/v1/builds/" + id).contains("\"state\":\"" + state + "\"")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("build " + id + " never became " + state + ": " + hub.get("/api/v1/builds/" + id));
    }
}
