package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.WasmModules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wasm-bpf module (execs.c with execs.bpf.c embedded) loads its object, attaches it, receives exec events
 * through wasm_bpf_buffer_poll's callback, reads and clears a hash map through wasm_bpf_map_operate, and
 * closes it; misuse of the ABI stops the run with one line naming the function; nothing stays loaded.
 */
class WasmBpfTest extends KernelTest {
    private static String module;
    private static String hooks;

    @BeforeAll
    static void build() throws IOException, InterruptedException {
        WasmModules.embeddedObject("execs");
        module = WasmModules.module("execs").toString();
        WasmModules.embeddedObject("hooks");
        hooks = WasmModules.module("hooks").toString();
    }

    /** The cgroup v2 hierarchy's mount point, if this machine has one (sockops attaches to a cgroup v2 directory). */
    private static java.util.Optional<String> cgroup2() throws IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/mounts")).stream()
            .map(l -> l.split(" ")).filter(f -> f.length > 2 && f[2].equals("cgroup2")).map(f -> f[1]).findFirst();
    }

    /**
     * attach_target as wasm-bpf gives it meaning: an XDP program goes on the interface it names, a sockops
     * program on the cgroup it names; both see the traffic of a TCP connection on lo, and both are detached.
     */
    @Test
    void attachTargetsPutXdpOnTheNamedInterfaceAndSockopsOnTheNamedCgroup() throws Exception {
        String cgroup = cgroup2().orElse("");
        try (EcliProcess p = EcliProcess.start("run", hooks, "lo", cgroup, "3");
             java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(p.awaitOutput("attached", 60)).as(p.errText() + p.outText()).isTrue();
            for (int i = 0; i < 3; i++) {
                try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
                    server.getLocalPort()); java.net.Socket accepted = server.accept()) {
                    s.getOutputStream().write(1);
                }
            }
            assertThat(p.waitFor(30)).as(p.errText()).isZero();
            String counts = p.out().get(p.out().size() - 1);
            assertThat(counts).matches("packets [1-9][0-9]* sockops [0-9]+");
            if (cgroup.isEmpty()) {
                System.err.println("skipped the sockops half: no cgroup v2 hierarchy is mounted here");
            } else {
                assertThat(counts).doesNotEndWith("sockops 0");
            }
        }
    }

    @Test
    void anAttachTargetThatNamesNoInterfaceIsARefusedAttach() {
        EcliProcess p = EcliProcess.run(60, "run", hooks, "ebpm-no-such0", "", "0");
        assertThat(p.out()).containsExactly("xdp attach failed: -22");
        assertThat(p.errText()).contains("ecli: wasm_attach_bpf_program: no network interface named ebpm-no-such0");
        assertThat(p.exitCode()).isEqualTo(3);
    }

    @Test
    void theModuleReceivesEventsAndOperatesOnItsMaps() throws Exception {
        try (EcliProcess p = EcliProcess.start("run", module, "true")) {
            assertThat(p.awaitOutput("attached", 60)).as(p.errText()).isTrue();
            for (int i = 0; i < 5 && p.out().stream().filter(l -> l.equals("exec true")).count() < 3; i++) {
                assertThat(sh("/bin/true")).isZero();
                Thread.sleep(200);
            }
            assertThat(p.waitFor(30)).as(p.errText()).isZero();
            assertThat(p.out()).containsSequence("exec true", "exec true", "exec true");
            assertThat(p.out().get(p.out().size() - 1)).matches("counted [1-9][0-9]* pids, cleared: yes");
        }
    }

    @Test
    void sigtermDetachesWhatTheModuleLoaded() throws Exception {
        try (EcliProcess p = EcliProcess.start("run", module, "no-such-comm")) {
            assertThat(p.awaitOutput("attached", 60)).as(p.errText()).isTrue();
            p.signal("TERM");
            assertThat(p.waitFor(30)).isZero();
        }
    }

    @Test
    void aBadHandleIsOneLineNamingTheFunction() {
        EcliProcess p = EcliProcess.run(60, "run", module, "true", "bad-handle");
        assertThat(p.err()).containsExactly("ecli: error: wasm module execs.wasm: wasm_attach_bpf_program: handle 42 "
            + "is not a BPF object this module loaded (or it was closed)");
        assertThat(p.exitCode()).isEqualTo(1);
    }

    @Test
    void anOutOfBoundsPointerIsOneLineNamingTheFunction() {
        EcliProcess p = EcliProcess.run(60, "run", module, "true", "bad-pointer");
        assertThat(p.err()).hasSize(1);
        assertThat(p.errText()).contains("wasm_bpf_map_fd_by_name: name at 0x7ffffff0 (1 bytes) is outside the "
            + "module's memory");
        assertThat(p.exitCode()).isEqualTo(1);
    }

    @Test
    void aMapTheModuleDidNotLoadIsOutOfReach() {
        EcliProcess p = EcliProcess.run(60, "run", module, "true", "foreign-fd");
        assertThat(p.err()).containsExactly("ecli: error: wasm module execs.wasm: wasm_bpf_map_operate: fd 0 is not a "
            + "map of a BPF object this module loaded");
        assertThat(p.exitCode()).isEqualTo(1);
    }
}
