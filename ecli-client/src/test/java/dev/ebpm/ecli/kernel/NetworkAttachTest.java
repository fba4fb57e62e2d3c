package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.testing.Commands;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** xdp from its annotations, and tc and xdp moved to an interface named on the command line. */
class NetworkAttachTest extends KernelTest {
    private static void udp(int count) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < count; i++) {
                s.send(new DatagramPacket(new byte[10], 10, InetAddress.getLoopbackAddress(), 9));
            }
        }
    }

    @Test
    void xdpAttachesToLoFromItsAnnotationsAndDetaches() throws Exception {
        try (EcliProcess ecli = EcliProcess.start("run", TestPackages.fixture("xdpcount").resolve("package.json")
            .toString(), "--duration", "20")) {
            ecli.awaitRunning(30);
            assertThat(Commands.run(List.of("ip", "link", "show", "lo"))).contains("xdp");
            udp(10);
            assertThat(ecli.awaitOutput(" 0 ", 10)).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            assertThat(ecli.out()).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d 0 +[1-9]\\d*"));
        }
        assertThat(Commands.run(List.of("ip", "link", "show", "lo"))).doesNotContain("xdp");
    }

    @Test
    void tcAndXdpTakeTheInterfaceFromTheCommandLine() {
        try (EcliProcess ecli = EcliProcess.start("run", TestPackages.example("tcpingress").toString(),
            "--iface", "lo", "--duration", "20")) {
            ecli.awaitRunning(30);
            assertThat(ecli.errText()).contains("tc ingress of lo");
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
        }
        EcliProcess bad = EcliProcess.run(30, "run", TestPackages.example("tcpingress").toString(),
            "--iface", "nosuch0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errText()).isEqualTo("ecli: error: --iface nosuch0: no such network interface");
    }
}
