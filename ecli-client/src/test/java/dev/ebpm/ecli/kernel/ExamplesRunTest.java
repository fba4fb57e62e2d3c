package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example, built with ecc, run with ecli in the kernel; the tests cause the traced activity. */
class ExamplesRunTest extends KernelTest {
    private static List<JsonNode> json(EcliProcess p) {
        return p.out().stream().filter(l -> l.startsWith("{")).map(Json::parse).toList();
    }

    @Test
    void opensnoopShowsTheFilesAProcessOpens() throws Exception {
        Path file = Files.createTempFile("ebpm-opensnoop-", ".txt");
        Process shell = new ProcessBuilder("sh", "-c", "read go; exec cat " + file).start();
        try (EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("opensnoop").toString(),
            "--pid_target", Long.toString(shell.pid()), "--duration", "20")) {
            ecli.awaitRunning(30);
            try (OutputStream in = shell.getOutputStream()) {
                in.write("go\n".getBytes());
            }
            assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ecli.awaitOutput(file.toString(), 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            List<JsonNode> events = json(ecli);
            assertThat(events).allSatisfy(e -> assertThat(e.get("pid").asLong()).isEqualTo(shell.pid()));
            JsonNode open = events.stream().filter(e -> e.get("fname").asText().equals(file.toString())).findFirst()
                .orElseThrow();
            assertThat(open.get("comm").asText()).isEqualTo("cat");
            assertThat(open.get("ret").asInt()).isGreaterThanOrEqualTo(0);
            assertThat(open.get("uid").asInt()).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void opensnoopTableHasAHeaderAndAlignedRows() throws Exception {
        Path file = Files.createTempFile("ebpm-table-", ".txt");
        try (EcliProcess ecli = EcliProcess.start("run", TestPackages.example("opensnoop").toString(),
            "--failed", "--duration", "20")) {
            ecli.awaitRunning(30);
            Path missing = file.resolveSibling(file.getFileName() + ".missing");
            sh("cat", missing.toString());
            assertThat(ecli.awaitOutput(missing.toString(), 10)).as(ecli.errText()).isTrue();
            ecli.signal("TERM");
            assertThat(ecli.waitFor(20)).isZero();
            List<String> out = ecli.out();
            assertThat(out.get(0)).matches("TIME +TS +PID +UID +RET +FLAGS +COMM +FNAME");
            String row = out.stream().filter(l -> l.contains(missing.toString())).findFirst().orElseThrow();
            assertThat(row).matches("\\d\\d:\\d\\d:\\d\\d .*");
            assertThat(row.indexOf(" -2 ") + 1).as("ret column of\n" + out.get(0) + "\n" + row)
                .isEqualTo(out.get(0).indexOf(" RET ") + 1);
            assertThat(row.indexOf(" cat ") + 1).isEqualTo(out.get(0).indexOf(" COMM ") + 1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void sigsnoopShowsASignalSentToAKnownProcess() throws Exception {
        Process target = new ProcessBuilder("sleep", "60").start();
        try (EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("sigsnoop").toString(),
            "--signal", "10", "--duration", "20")) {
            ecli.awaitRunning(30);
            assertThat(sh("kill", "-USR1", Long.toString(target.pid()))).isZero();
            assertThat(ecli.awaitOutput("\"tpid\":" + target.pid(), 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            JsonNode e = json(ecli).stream().filter(j -> j.get("tpid").asLong() == target.pid()).findFirst()
                .orElseThrow();
            assertThat(e.get("sig").asInt()).isEqualTo(10);
            assertThat(e.get("ret").asInt()).isZero();
            assertThat(e.get("comm").asText()).isEqualTo("kill");
            assertThat(json(ecli)).allSatisfy(j -> assertThat(j.get("sig").asInt()).isEqualTo(10));
        } finally {
            target.destroyForcibly();
        }
    }

    @Test
    void execsnoopShowsExecsAndExitsThroughTheRingBuffer() {
        try (EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("execsnoop").toString(),
            "--duration", "20")) {
            ecli.awaitRunning(30);
            sh("/bin/true");
            sh("sh", "-c", "exit 3");
            assertThat(ecli.awaitOutput("\"exit_code\":3", 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            List<JsonNode> events = json(ecli);
            JsonNode exec = events.stream().filter(e -> e.get("filename").asText().equals("/bin/true")).findFirst()
                .orElseThrow();
            assertThat(exec.get("exit_event").asBoolean()).isFalse();
            assertThat(exec.get("comm").asText()).isEqualTo("true");
            JsonNode exit = events.stream().filter(e -> e.get("exit_event").asBoolean()
                && e.get("pid").asLong() == exec.get("pid").asLong()).findFirst().orElseThrow();
            assertThat(exit.get("duration_ns").asLong()).isPositive();
            assertThat(exit.get("exit_code").asInt()).isZero();
        }
    }

    @Test
    void runqlatPrintsALog2Histogram() {
        EcliProcess ecli = EcliProcess.run(30, "run", TestPackages.example("runqlat").toString(), "--duration", "2.5");
        assertThat(ecli.exitCode()).as(ecli.errText()).isZero();
        List<String> out = ecli.out();
        assertThat(out).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d hists"));
        assertThat(out).contains("     usecs               : count    distribution");
        assertThat(out.stream().filter(l -> l.matches(" +\\d+ -> \\d+ +: \\d+ +\\|[* ]{40}\\|"))).isNotEmpty();
        assertThat(out).anyMatch(l -> l.matches(" +\\d+ -> \\d+ +: [1-9]\\d* +\\|\\*+ *\\|"));
    }

    @Test
    void runqlatJsonIsOneDocumentPerSample() {
        EcliProcess ecli = EcliProcess.run(30, "run", "--json", TestPackages.example("runqlat").toString(),
            "--duration", "2.5");
        assertThat(ecli.exitCode()).as(ecli.errText()).isZero();
        List<JsonNode> samples = json(ecli);
        assertThat(samples).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("map").asText()).isEqualTo("hists");
            assertThat(s.get("entries").get(0).get("value").get("slots").size()).isEqualTo(26);
        });
    }

    @Test
    void bashreadlineTracesTheReadlineOfATestBinary() throws Exception {
        Path demo = Path.of("target/readline_demo").toAbsolutePath();
        assertThat(sh("cc", "-O2", "-o", demo.toString(),
            TestPackages.ROOT.resolve("examples/bashreadline/demo/readline_demo.c").toString())).isZero();
        try (EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("bashreadline").toString(),
            "--uprobe-binary", demo.toString(), "--duration", "20")) {
            ecli.awaitRunning(30);
            Process p = new ProcessBuilder(demo.toString()).start();
            p.getOutputStream().write("ls -l /tmp\necho ebpm\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ecli.awaitOutput("echo ebpm", 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            assertThat(json(ecli)).extracting(j -> j.get("line").asText()).containsSubsequence("ls -l /tmp", "echo ebpm");
            assertThat(json(ecli)).allSatisfy(j -> assertThat(j.get("pid").asLong()).isEqualTo(p.pid()));
            assertThat(ecli.errText()).contains("uretprobe " + demo + ":readline");
        }
    }

    /** A perf_event program on every CPU: the test's busy function is the most sampled user stack. */
    @Test
    void profileFindsABusyFunctionAmongTheTopStacks() throws Exception {
        Path spin = Path.of("target/spin_demo").toAbsolutePath();
        assertThat(sh("cc", "-O1", "-fno-omit-frame-pointer", "-o", spin.toString(),
            TestPackages.ROOT.resolve("examples/profile/demo/spin.c").toString())).isZero();
        Process busy = new ProcessBuilder(spin.toString(), "15").start();
        try (EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("profile").toString(),
            "--pid", Long.toString(busy.pid()), "--sample-freq", "199", "--duration", "5")) {
            ecli.awaitRunning(30);
            assertThat(ecli.errText()).contains("attached to perf_event cpu-clock at 199 Hz on "
                + Runtime.getRuntime().availableProcessors() + " CPU");
            assertThat(ecli.waitFor(30)).as(ecli.errText()).isZero();
            List<JsonNode> samples = json(ecli);
            assertThat(samples).isNotEmpty();
            JsonNode top = samples.get(samples.size() - 1).get("top").get(0);
            assertThat(top.get("pid").asLong()).isEqualTo(busy.pid());
            assertThat(top.get("comm").asText()).isEqualTo("spin_demo");
            assertThat(top.get("count").asLong()).isGreaterThan(50);
            assertThat(top.get("user").get(0).asText()).startsWith("spin_in_userspace+0x").endsWith("(spin_demo)");
        } finally {
            busy.destroy();
            busy.waitFor(10, TimeUnit.SECONDS);
        }
        // A rate for a package that samples nothing is said to be ignored; a bad rate is a usage error.
        EcliProcess ignored = EcliProcess.run(30, "run", TestPackages.example("sigsnoop").toString(), "--sample-freq",
            "99", "--dry-run");
        assertThat(ignored.errText()).contains("ecli: warning: --sample-freq applies to perf_event programs; sigsnoop "
            + "has none");
        EcliProcess bad = EcliProcess.run(30, "run", TestPackages.example("profile").toString(), "--sample-freq",
            "1000000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errText()).contains("--sample-freq 1000000: at most 100000 a second");
    }

    @Test
    void tcpingressCountsPacketsOnLo() throws Exception {
        try (EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("tcpingress").toString(),
            "--proto", "17", "--duration", "20")) {
            ecli.awaitRunning(30);
            assertThat(sh("tc", "filter", "show", "dev", "lo", "ingress")).isZero();
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] payload = new byte[100];
                for (int i = 0; i < 25; i++) {
                    s.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), 9));
                }
            }
            assertThat(ecli.awaitOutput("\"packets\":25", 10)).as(String.join("\n", ecli.out())).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            JsonNode last = json(ecli).get(json(ecli).size() - 1);
            JsonNode udp = last.get("entries").get(0);
            assertThat(udp.get("key").asInt()).isEqualTo(17);
            assertThat(udp.get("value").get("bytes").asLong()).isGreaterThanOrEqualTo(25L * (100 + 8 + 20));
            assertThat(last.get("entries")).hasSize(1);
        }
    }

    @Test
    void tcpstatesShowsAConnectionWithStateNamesAnd128BitAddresses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EcliProcess ecli = EcliProcess.start("run", "--json", TestPackages.example("tcpstates").toString(),
                 "--dport", Integer.toString(server.getLocalPort()), "--duration", "20")) {
            ecli.awaitRunning(30);
            int port = server.getLocalPort();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port); Socket accepted = server.accept()) {
                client.getOutputStream().write(1);
                accepted.getInputStream().read();
            }
            assertThat(ecli.awaitOutput("\"dport\":" + port, 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            JsonNode established = json(ecli).stream().filter(e -> e.get("dport").asInt() == port
                && e.get("newstate").asText().equals("TCPS_ESTABLISHED")).findFirst().orElseThrow();
            assertThat(established.get("oldstate").asText()).isEqualTo("TCPS_SYN_SENT");
            assertThat(json(ecli)).allSatisfy(e -> assertThat(e.get("dport").asInt()).isEqualTo(port));
            // The address bytes as an unsigned __int128 read little-endian, printed exactly as a decimal string:
            // 127.0.0.1 for IPv4, ::ffff:127.0.0.1 when Java used an IPv6 socket.
            byte[] addr = established.get("family").asInt() == 2 ? new byte[] {127, 0, 0, 1}
                : new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1};
            java.math.BigInteger expected = java.math.BigInteger.ZERO;
            for (int i = addr.length - 1; i >= 0; i--) {
                expected = expected.shiftLeft(8).add(java.math.BigInteger.valueOf(addr[i] & 0xff));
            }
            assertThat(established.get("daddr").isTextual()).isTrue();
            assertThat(established.get("daddr").asText()).isEqualTo(expected.toString());
        }
    }
}
