package dev.ebpm.ecli.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.PackageEdit;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.testing.Commands;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A package.json edited by hand, and run with no compiler: maps[].data, attach targets, export members. */
class PackageEditsTest extends KernelTest {
    private static List<JsonNode> events(Path pkg, Runnable trigger, String expect) {
        try (EcliProcess ecli = EcliProcess.start("run", "--json", pkg.toString(), "--duration", "20")) {
            ecli.awaitRunning(30);
            trigger.run();
            assertThat(ecli.awaitOutput(expect, 10)).as(ecli.errText() + "\n" + ecli.out()).isTrue();
            ecli.signal("TERM");
            assertThat(ecli.waitFor(20)).isZero();
            return ecli.out().stream().filter(l -> l.startsWith("{")).map(Json::parse).toList();
        }
    }

    @Test
    void mapDataIsWrittenBeforeThePrograms() {
        Path pkg = PackageEdit.edit(TestPackages.fixture("config").resolve("package.json"), root -> {
            ArrayNode data = PackageEdit.map(root, "settings").putArray("data");
            data.addObject().put("key", 1).set("value", Json.parse("{\"level\": 42, \"tag\": \"hi\"}"));
        });
        List<JsonNode> readings = events(pkg, () -> sh("/bin/true"), "\"level\":42");
        assertThat(readings.get(0).get("tag").asText()).isEqualTo("hi");
    }

    @Test
    void exportMembersChooseAndOrderTheFields() {
        Path pkg = PackageEdit.edit(TestPackages.fixture("config").resolve("package.json"), root -> {
            ObjectNode type = (ObjectNode) root.get("meta").get("export_types").get(0);
            ArrayNode members = type.putArray("members");
            members.addObject().put("name", "comm").put("type", "char[16]");
            members.addObject().put("name", "key").put("type", "__u32");
        });
        try (EcliProcess ecli = EcliProcess.start("run", pkg.toString(), "--duration", "20")) {
            ecli.awaitRunning(30);
            sh("/bin/true");
            assertThat(ecli.awaitOutput("true", 10)).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            assertThat(ecli.out().get(0)).matches("TIME +COMM +KEY");
            assertThat(ecli.out()).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d true +1"));
        }
    }

    @Test
    void aTracepointProgramCanBeMovedToAnotherTracepoint() {
        Path pkg = PackageEdit.edit(TestPackages.fixture("config").resolve("package.json"),
            root -> PackageEdit.prog(root, "report").put("attach", "tracepoint/sched/sched_process_exit"));
        try (EcliProcess ecli = EcliProcess.start("run", "--json", pkg.toString(), "--duration", "20")) {
            ecli.awaitRunning(30);
            assertThat(ecli.errText()).contains("tracepoint sched/sched_process_exit");
            sh("/bin/true");
            assertThat(ecli.awaitOutput("\"comm\":\"true\"", 10)).isTrue();
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
        }
    }

    @Test
    void aBtfTracepointProgramCanBeMovedBeforeLoad() {
        Path pkg = PackageEdit.edit(TestPackages.fixture("procs").resolve("package.json"),
            root -> PackageEdit.prog(root, "on_proc").put("attach", "tp_btf/sched_process_exit"));
        // Only an exit sees the exit code; at exec it is still 0.
        List<JsonNode> events = events(pkg, () -> sh("sh", "-c", "exit 7"), "\"code\":7");
        assertThat(events).anyMatch(e -> e.get("code").asInt() == 7);
    }

    @Test
    void fentryRunsAsCompiledAndCanBeMovedToAnotherFunction() throws Exception {
        Assumptions.assumeTrue(Trampolines.allowed(), Trampolines.REASON);
        Path moved = PackageEdit.edit(TestPackages.fixture("unlinks").resolve("package.json"),
            root -> PackageEdit.prog(root, "on_call").put("attach", "fentry/do_rmdir"));
        Path dir = Files.createTempDirectory("ebpm-rmdir-");
        assertThat(events(moved, () -> sh("rmdir", dir.toString()), "\"comm\":\"rmdir\"")).isNotEmpty();
        Path file = Files.createTempFile("ebpm-unlink-", ".txt");
        List<JsonNode> calls = events(TestPackages.fixture("unlinks").resolve("package.json"),
            () -> sh("rm", file.toString()), "\"comm\":\"rm\"");
        assertThat(calls).isNotEmpty();
    }

    @Test
    void multipleExportMapsEachSayWhichMapTheyCameFrom() throws Exception {
        Path built = TestPackages.fixture("multi").resolve("package.json");
        JsonNode types = Json.parse(Files.readAllBytes(built)).get("meta").get("export_types");
        long execId = typeId(types, "exec_event");
        long exitId = typeId(types, "exit_event");
        Path pkg = PackageEdit.edit(built, root -> {
            ((ObjectNode) root.get("meta")).put("enable_multiple_export_types", true);
            PackageEdit.map(root, "execs").putObject("export_config").put("btf_type_id", execId);
            PackageEdit.map(root, "exits").putObject("export_config").put("btf_type_id", exitId);
        });
        List<JsonNode> events = events(pkg, () -> sh("sh", "-c", "exit 5"), "\"code\":5");
        assertThat(events).anyMatch(e -> e.get("_map").asText().equals("execs") && e.has("comm"));
        assertThat(events).anyMatch(e -> e.get("_map").asText().equals("exits") && e.get("code").asInt() == 5);
    }

    @Test
    void aProgramLeftOutIsNeitherLoadedNorAttached() {
        Path built = TestPackages.fixture("multi").resolve("package.json");
        Path edited = PackageEdit.edit(built, root -> PackageEdit.prog(root, "on_exit").put("autoload", false));
        for (List<String> run : List.of(List.of(edited.toString()), List.of(built.toString(), "--disable", "on_exit"))) {
            List<String> args = new java.util.ArrayList<>(List.of("run", "--json"));
            args.addAll(run);
            args.addAll(List.of("--duration", "20"));
            try (EcliProcess ecli = EcliProcess.start(args.toArray(String[]::new))) {
                ecli.awaitRunning(30);
                assertThat(ecli.errText()).contains("attached to ").contains(" (disabled: on_exit); Ctrl-C");
                assertThat(programsLoaded()).contains("on_exec").doesNotContain("on_exit");
                sh("sh", "-c", "exit 5");
                assertThat(ecli.awaitOutput("\"_map\":\"execs\"", 10)).as(ecli.errText()).isTrue();
                ecli.signal("INT");
                assertThat(ecli.waitFor(20)).isZero();
                assertThat(ecli.out()).noneMatch(l -> l.contains("\"exits\""));
            }
        }
    }

    @Test
    void mapsAreSizedByThePackageAndTheCommandLineWins() {
        Path edited = PackageEdit.edit(TestPackages.fixture("config").resolve("package.json"), root -> {
            PackageEdit.map(root, "settings").put("max_entries", 50);
            PackageEdit.map(root, "readings").put("max_entries", 8192);
        });
        try (EcliProcess ecli = EcliProcess.start("run", edited.toString(), "--max-entries", "settings=77",
            "--duration", "20")) {
            ecli.awaitRunning(30);
            assertThat(mapMaxEntries("settings")).isEqualTo(77);
            assertThat(mapMaxEntries("readings")).isEqualTo(8192);
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
        }
    }

    private static String programsLoaded() {
        return Commands.run(List.of("bpftool", "prog", "show"));
    }

    private static long mapMaxEntries(String name) {
        JsonNode map = Json.parse(Commands.run(List.of("bpftool", "-j", "map", "show", "name", name)));
        return map.get("max_entries").asLong();
    }

    @Test
    void clearMapEmptiesASampledMapAfterEachSample() throws Exception {
        Path pkg = PackageEdit.edit(TestPackages.example("tcpingress"), root -> {
            ObjectNode sample = (ObjectNode) PackageEdit.map(root, "packets").get("sample");
            sample.put("interval", 300).put("clear_map", true);
        });
        try (EcliProcess ecli = EcliProcess.start("run", "--json", pkg.toString(), "--proto", "17", "--duration", "20");
             java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            ecli.awaitRunning(30);
            for (int i = 0; i < 7; i++) {
                s.send(new java.net.DatagramPacket(new byte[8], 8, java.net.InetAddress.getLoopbackAddress(), 9));
            }
            assertThat(ecli.awaitOutput("\"packets\":7", 10)).as(ecli.out().toString()).isTrue();
            Thread.sleep(1000);
            ecli.signal("INT");
            assertThat(ecli.waitFor(20)).isZero();
            List<JsonNode> samples = ecli.out().stream().filter(l -> l.startsWith("{")).map(Json::parse).toList();
            int counted = samples.stream().mapToInt(j -> j.get("entries").size()).sum();
            assertThat(counted).as("only the one sample after the packets has them").isEqualTo(1);
            assertThat(samples.get(samples.size() - 1).get("entries")).isEmpty();
        }
    }

    private static long typeId(JsonNode types, String name) {
        for (JsonNode t : types) {
            if (t.get("name").asText().equals(name)) {
                return t.get("type_id").asLong();
            }
        }
        throw new IllegalArgumentException(name);
    }
}
