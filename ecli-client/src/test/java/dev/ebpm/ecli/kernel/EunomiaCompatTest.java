package dev.ebpm.ecli.kernel;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A package.json laid out the way eunomia-bpf's own ecc writes it runs in ecli: bpftool's duplicate
 * {@code name} keys with a stray {@code size} (padding), keys ecli does not know, a map description, the
 * older export member type strings.
 */
class EunomiaCompatTest extends KernelTest {
    @Test
    void aPackageWithEunomiasQuirksRuns() throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(Files.readAllBytes(
            TestPackages.example("sigsnoop")));
        var meta = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("meta");
        meta.put("eunomia_version", "0.3.4");
        meta.put("perf_buffer_pages", 64);
        ((com.fasterxml.jackson.databind.node.ObjectNode) meta.get("bpf_skel").get("maps").get(1))
            .put("description", "eunomia's loader drops this");
        ((com.fasterxml.jackson.databind.node.ObjectNode) meta.get("export_types").get(0).get("members").get(4))
            .put("type", "char[TASK_COMM_LEN]");
        String text = Json.canonicalString(root).replace("\"name\":\"target_signal\"",
            "\"name\":\"__padding\",\"size\":4,\"name\":\"target_signal\"");
        assertThat(text).contains("\"name\":\"__padding\",\"size\":4,\"name\":\"target_signal\"");
        Path pkg = Files.createTempFile("eunomia-style-", ".json");
        Files.writeString(pkg, text, StandardCharsets.UTF_8);

        Process target = new ProcessBuilder("sleep", "60").start();
        try (EcliProcess ecli = EcliProcess.start("run", "--json", pkg.toString(), "--signal", "12", "--duration", "20")) {
            ecli.awaitRunning(30);
            sh("kill", "-USR2", Long.toString(target.pid()));
            assertThat(ecli.awaitOutput("\"tpid\":" + target.pid(), 10)).as(ecli.errText()).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            assertThat(ecli.out()).anyMatch(l -> l.contains("\"sig\":12"));
        } finally {
            target.destroyForcibly();
        }
    }
}
