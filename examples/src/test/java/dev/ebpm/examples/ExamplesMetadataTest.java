package dev.ebpm.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.MapStacks;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.meta.TcHook;
import dev.ebpm.format.meta.TcOpts;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.format.testing.BpftoolSkeleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** ecc builds every example, and the metadata it extracts is what each program declares. */
class ExamplesMetadataTest {
    static List<String> names() {
        return Examples.names();
    }

    private static ObjectMeta meta(String name) {
        return Examples.build(name).pkg().meta();
    }

    private static List<Variable> flags(String name) {
        return meta(name).bpfSkel().dataSections().stream().flatMap(d -> d.variables().stream())
            .filter(v -> !v.isDummy()).toList();
    }

    private static List<String> fields(String name) {
        return meta(name).exportTypes().get(0).members().stream().map(m -> m.name() + ":" + m.type()).toList();
    }

    @Test
    void everyExpectedExampleIsThere() {
        assertThat(names()).containsExactlyInAnyOrder("bashreadline", "execsnoop", "opensnoop", "proclife", "profile",
            "runqlat", "sigsnoop", "syscalltop", "tcpingress", "tcpstates");
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyExampleBuildsWithDocumentedFlagsAndAReadme(String name) {
        ObjectMeta meta = meta(name);
        BpfSkel skel = meta.bpfSkel();
        assertThat(skel.objName()).isEqualTo(name + "_bpf");
        assertThat(skel.progs()).isNotEmpty().allSatisfy(p -> assertThat(p.description()).as(p.name()).isNotBlank());
        // A wasm tool's options are its module's own; a declarative one's are its documented globals.
        if (Examples.isWasm(name)) {
            assertThat(Examples.build(name).wasmModule()).isRegularFile();
        } else {
            assertThat(flags(name)).isNotEmpty().allSatisfy(v -> assertThat(v.description()).as(v.name()).isNotBlank());
        }
        assertThat(flags(name)).allSatisfy(v -> assertThat(v.description()).as(v.name()).isNotBlank());
        assertThat(skel.doc()).isNotNull();
        assertThat(skel.doc().summary()).isNotBlank();
        assertThat(meta.exportTypes()).as("export types").isNotEmpty();
        assertThat(Examples.ROOT.resolve(name).resolve("README.md")).isRegularFile();
        assertThat(Examples.build(name).pkg().readme()).contains("# " + name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void mapsAndProgramsAreWhatBpftoolGenSkeletonLists(String name) {
        BpfSkel skel = meta(name).bpfSkel();
        BpftoolSkeleton bpftool = BpftoolSkeleton.of(Examples.outputDir(name).resolve(name + ".bpf.o"),
            skel.objName());
        assertThat(skel.maps()).extracting(MapMeta::name).containsExactlyElementsOf(bpftool.maps());
        assertThat(skel.progs()).extracting(ProgMeta::name).containsExactlyElementsOf(bpftool.progs());
    }

    @Test
    void sigsnoop() {
        assertThat(flags("sigsnoop")).extracting(Variable::name, Variable::type).containsExactly(
            tuple("filtered_pid", "pid_t"), tuple("target_signal", "int"), tuple("failed_only", "bool"),
            tuple("trace_generate", "bool"));
        Variable pid = flags("sigsnoop").get(0);
        assertThat(pid.cmdarg().shortName()).isEqualTo("p");
        assertThat(pid.cmdarg().longName()).isEqualTo("pid");
        assertThat(pid.description()).startsWith("Only trace signals sent by this process id");
        assertThat(meta("sigsnoop").bpfSkel().progs()).extracting(ProgMeta::attach).containsExactly(
            "tracepoint/syscalls/sys_enter_kill", "tracepoint/syscalls/sys_exit_kill",
            "tracepoint/syscalls/sys_enter_tkill", "tracepoint/syscalls/sys_exit_tkill",
            "tracepoint/syscalls/sys_enter_tgkill", "tracepoint/syscalls/sys_exit_tgkill",
            "tracepoint/signal/signal_generate");
        assertThat(fields("sigsnoop")).containsExactly("pid:__u32", "tpid:__u32", "sig:int", "ret:int",
            "comm:char[16]");
    }

    @Test
    void opensnoop() {
        assertThat(flags("opensnoop")).extracting(Variable::name, Variable::type).containsExactly(
            tuple("pid_target", "pid_t"), tuple("tid_target", "pid_t"), tuple("uid_target", "int"),
            tuple("targ_failed", "bool"));
        assertThat(flags("opensnoop").get(2).cmdarg().defaultValue().intValue()).isEqualTo(-1);
        assertThat(meta("opensnoop").bpfSkel().doc().description()).isEqualTo("Trace open family syscalls.");
        assertThat(fields("opensnoop")).containsExactly("ts:unsigned long long", "pid:int", "uid:unsigned int",
            "ret:int", "flags:int", "comm:char[16]", "fname:char[255]");
        assertThat(meta("opensnoop").bpfSkel().maps()).extracting(MapMeta::name, MapMeta::ident, MapMeta::mmaped)
            .containsExactly(tuple("start", "start", null), tuple("events", "events", null),
                tuple("opensnoo.rodata", "rodata", true), tuple("opensnoo.bss", "bss", true));
    }

    @Test
    void execsnoop() {
        assertThat(flags("execsnoop")).extracting(Variable::name, Variable::type).containsExactly(
            tuple("min_duration_ns", "unsigned long long"), tuple("exits_only", "bool"));
        assertThat(meta("execsnoop").bpfSkel().progs()).extracting(ProgMeta::attach)
            .containsExactly("tp/sched/sched_process_exec", "tp/sched/sched_process_exit");
        assertThat(fields("execsnoop")).containsExactly("pid:int", "ppid:int", "exit_code:unsigned int",
            "duration_ns:unsigned long long", "comm:char[16]", "filename:char[127]", "exit_event:bool");
        assertThat(meta("execsnoop").bpfSkel().doc().details()).contains("\n");
    }

    @Test
    void runqlat() {
        MapMeta hists = meta("runqlat").bpfSkel().map("hists").orElseThrow();
        assertThat(hists.sample().interval()).isEqualTo(1000);
        assertThat(hists.sample().type()).isEqualTo(SampleType.LOG2_HIST);
        assertThat(hists.sample().unit()).isEqualTo("usecs");
        assertThat(fields("runqlat")).containsExactly("slots:__u32[26]", "comm:char[16]");
        assertThat(meta("runqlat").bpfSkel().progs()).extracting(ProgMeta::attach)
            .containsExactly("raw_tp/sched_wakeup", "raw_tp/sched_wakeup_new", "raw_tp/sched_switch");
        assertThat(flags("runqlat")).extracting(Variable::name).containsExactly("targ_per_process", "targ_per_thread",
            "targ_tgid");
    }

    @Test
    void bashreadline() {
        assertThat(meta("bashreadline").bpfSkel().progs()).extracting(ProgMeta::attach)
            .containsExactly("uretprobe//bin/bash:readline");
        assertThat(fields("bashreadline")).containsExactly("pid:__u32", "comm:char[16]", "line:char[80]");
    }

    @Test
    void tcpingress() {
        ProgMeta tc = meta("tcpingress").bpfSkel().progs().get(0);
        assertThat(tc.attach()).isEqualTo("tc");
        assertThat(tc.tcHook()).isEqualTo(new TcHook(1, "BPF_TC_INGRESS"));
        assertThat(tc.tcOpts()).isEqualTo(new TcOpts(1, 1));
        MapMeta packets = meta("tcpingress").bpfSkel().map("packets").orElseThrow();
        assertThat(packets.sample().typeOrDefault()).isEqualTo(SampleType.DEFAULT_KV);
        assertThat(fields("tcpingress")).containsExactly("packets:__u64", "bytes:__u64");
    }

    @Test
    void profile() {
        ProgMeta sample = meta("profile").bpfSkel().progs().get(0);
        assertThat(sample.attach()).isEqualTo("perf_event");
        assertThat(sample.perfEvent().describe()).isEqualTo("99 Hz");
        MapMeta samples = meta("profile").bpfSkel().map("samples").orElseThrow();
        assertThat(samples.sample().typeOrDefault()).isEqualTo(SampleType.DEFAULT_KV);
        assertThat(MapStacks.of(samples)).contains(new MapStacks("stacks", "kstack", "ustack", 5));
        assertThat(flags("profile")).extracting(Variable::name).containsExactly("targ_tgid", "kernel_only");
    }

    @Test
    void tcpstates() {
        assertThat(flags("tcpstates")).extracting(Variable::name, Variable::type).containsExactly(
            tuple("target_family", "short"), tuple("target_sport", "unsigned short"),
            tuple("target_dport", "unsigned short"));
        ExportType event = meta("tcpstates").exportTypes().get(0);
        assertThat(fields("tcpstates")).startsWith("saddr:unsigned __int128", "daddr:unsigned __int128")
            .contains("oldstate:enum", "newstate:enum", "task:char[16]");
        assertThat(event.size()).isEqualTo(96);
    }

    @Test
    void opensnoopPackageJsonIsLaidOutAsEunomiaWritesIt() throws Exception {
        Examples.build("opensnoop");
        Path file = Examples.outputDir("opensnoop").resolve("package.json");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes)).doesNotContain("\n").startsWith("{\"bpf_object\":\"eJ");
        JsonNode root = Json.parse(bytes);
        assertThat(keys(root)).containsExactly("bpf_object", "bpf_object_size", "meta");
        assertThat(keys(root.get("meta"))).containsExactly("bpf_skel", "eunomia_version", "export_types");
        assertThat(keys(root.get("meta").get("bpf_skel"))).containsExactly("data_sections", "doc", "maps", "obj_name",
            "progs");
        assertThat(keys(root.get("meta").get("bpf_skel").get("data_sections").get(0).get("variables").get(0)))
            .containsExactly("cmdarg", "description", "name", "type");
        assertThat(keys(root.get("meta").get("export_types").get(0))).containsExactly("members", "name", "size",
            "type_id");
        assertThat(keys(root.get("meta").get("bpf_skel").get("progs").get(0)))
            .containsExactly("attach", "description", "link", "name");
        assertThat(root.get("bpf_object_size").intValue())
            .isEqualTo(Files.size(Examples.outputDir("opensnoop").resolve("opensnoop.bpf.o")));
        assertThat(EunomiaPackageCodec.readJson(bytes, "package.json").elf())
            .isEqualTo(Files.readAllBytes(Examples.outputDir("opensnoop").resolve("opensnoop.bpf.o")));
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
