package dev.ebpm.format.object;

import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.format.testing.BpftoolSkeleton;
import dev.ebpm.format.testing.TestBpfObjects;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The skeleton we derive must list what {@code bpftool gen skeleton} (libbpf 1.1) lists, in the same order. */
class SkeletonExtractorTest {
    @Test
    void mapsProgramsAndVariablesMatchBpftoolGenSkeleton() {
        String objName = "btf_kinds_bpf";
        BpfSkel skel = SkeletonExtractor.extract(BpfObject.parse(TestBpfObjects.bytes("btf_kinds")), objName);
        BpftoolSkeleton bpftool = BpftoolSkeleton.of(TestBpfObjects.compile("btf_kinds"), objName);

        assertThat(skel.maps()).extracting(MapMeta::name).containsExactlyElementsOf(bpftool.maps());
        assertThat(skel.maps()).filteredOn(MapMeta::isMmaped).extracting(MapMeta::ident)
            .containsExactlyElementsOf(bpftool.mmapedIdents());
        assertThat(skel.progs()).extracting(ProgMeta::name).containsExactlyElementsOf(bpftool.progs());

        Map<String, List<String>> expectedVars = bpftool.dataSectionVariables();
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
}
