package dev.ebpm.object;

import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.testing.Commands;
import dev.ebpm.testing.TestBpfObjects;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The skeleton we derive must list what {@code bpftool gen skeleton} (libbpf 1.1) lists, in the same order. */
class SkeletonExtractorTest {
    @Test
    void mapsProgramsAndVariablesMatchBpftoolGenSkeleton() {
        String objName = "btf_kinds_bpf";
        BpfSkel skel = SkeletonExtractor.extract(BpfObject.parse(TestBpfObjects.bytes("btf_kinds")), objName);
        String header = Commands.run(List.of("bpftool", "gen", "skeleton",
            TestBpfObjects.compile("btf_kinds").toString(), "name", objName));

        assertThat(skel.maps()).extracting(MapMeta::name).containsExactlyElementsOf(all(header,
            "s->maps\\[\\d+\\]\\.name = \"([^\"]+)\""));
        assertThat(skel.maps()).filteredOn(MapMeta::isMmaped).extracting(MapMeta::ident)
            .containsExactlyElementsOf(all(header, "s->maps\\[\\d+\\]\\.mmaped = \\(void \\*\\*\\)&obj->(\\w+);"));
        assertThat(skel.progs()).extracting(ProgMeta::name).containsExactlyElementsOf(all(header,
            "s->progs\\[\\d+\\]\\.name = \"([^\"]+)\""));

        Map<String, List<String>> expectedVars = dataStructs(header, objName);
        Map<String, List<String>> actualVars = new LinkedHashMap<>();
        for (DataSection d : skel.dataSections()) {
            actualVars.put(d.name().substring(1), d.variables().stream().map(Variable::name).toList());
        }
        assertThat(actualVars).containsExactlyEntriesOf(expectedVars);
    }

    @Test
    void typesAttachPointsAndIdentsAreTheOnesEunomiaWrites() {
        BpfSkel skel = SkeletonExtractor.extract(BpfObject.parse(TestBpfObjects.bytes("btf_kinds")), "btf_kinds_bpf");
        assertThat(skel.maps()).extracting(MapMeta::name, MapMeta::ident, MapMeta::mmaped).containsExactly(
            tuple("rb", "rb", null), tuple("events_hash", "events_hash", null),
            tuple("btf_kind.rodata", "rodata", true), tuple("btf_kind.data", "data", true),
            tuple("btf_kind.bss", "bss", true));
        assertThat(skel.progs()).extracting(ProgMeta::name, ProgMeta::attach, ProgMeta::link).containsExactly(
            tuple("handle_exec", "tp/sched/sched_process_exec", true), tuple("xdp_pass", "xdp", true),
            tuple("handle_exit", "tp/sched/sched_process_exit", true));
        DataSection rodata = skel.dataSections().get(0);
        assertThat(rodata.variables()).extracting(Variable::name, Variable::type).containsExactly(
            tuple("ro_int", "int"), tuple("ro_ull", "unsigned long long"), tuple("ro_str", "char[10]"),
            tuple("ro_struct", "struct inner"), tuple("ro_color", "enum color"));
        assertThat(skel.dataSections().get(2).variables()).extracting(Variable::type).contains("struct event *");
    }

    @Test
    void mapDefinitionsComeFromBtf() {
        List<MapInfo> maps = BpfObject.parse(TestBpfObjects.bytes("btf_kinds")).maps("btf_kinds_bpf");
        MapInfo rb = maps.get(0);
        assertThat(rb.type()).isEqualTo(MapType.RINGBUF);
        assertThat(rb.maxEntries()).isEqualTo(4096);
        MapInfo hash = maps.get(1);
        assertThat(hash.type()).isEqualTo(MapType.HASH);
        assertThat(hash.keySize()).isEqualTo(4);
        assertThat(hash.valueSize()).isGreaterThan(100);
    }

    @Test
    void internalMapNamesFollowLibbpf() {
        assertThat(ObjectNames.internalMapName("client_bpf", ".rodata")).isEqualTo("client_b.rodata");
        assertThat(ObjectNames.internalMapName("client_bpf", ".bss")).isEqualTo("client_b.bss");
        assertThat(ObjectNames.internalMapName("client_bpf", ".kconfig")).isEqualTo("client_.kconfig");
        assertThat(ObjectNames.internalMapName("sig", ".rodata")).isEqualTo("sig.rodata");
        assertThat(ObjectNames.internalMapName("client_bpf", ".rodata.str1.1")).isEqualTo(".rodata.str1.1");
        assertThat(ObjectNames.internalMapIdent(".rodata.str1.1")).isEqualTo("rodata_str1_1");
        assertThat(ObjectNames.objectName("/tmp/client.bpf.o")).isEqualTo("client_bpf");
        assertThat(ObjectNames.sourceStem("opensnoop.bpf.c")).isEqualTo("opensnoop");
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Map<String, List<String>> dataStructs(String header, String objName) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("struct " + objName + "__(\\w+) \\{\\n(.*?)\\n\\t} \\*\\w+;", Pattern.DOTALL)
            .matcher(header);
        while (m.find()) {
            List<String> vars = new ArrayList<>();
            for (String line : m.group(2).split("\n")) {
                Matcher name = Pattern.compile("(\\w+)(\\[\\d+\\])*;\\s*$").matcher(line);
                if (name.find() && !name.group(1).startsWith("__pad")) {
                    vars.add(name.group(1));
                }
            }
            out.put(m.group(1), vars);
        }
        return out;
    }
}
