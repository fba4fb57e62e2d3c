package dev.ebpm.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.ExportConfig;
import dev.ebpm.format.meta.Interpreter;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.meta.TcHook;
import dev.ebpm.format.meta.TcOpts;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.format.meta.XdpOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectMetaTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ObjectMetaTest.class.getResourceAsStream("/meta/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsEveryFieldTheSpecDescribes() throws IOException {
        ObjectMeta meta = ObjectMeta.parse(resource("full.skel.json"), "full.skel.json");
        BpfSkel skel = meta.bpfSkel();
        assertThat(skel.objName()).isEqualTo("client_bpf");

        Variable pid = skel.dataSections().get(0).variables().get(0);
        assertThat(pid.cmdarg().longName()).isEqualTo("pid");
        assertThat(pid.cmdarg().shortName()).isEqualTo("p");
        assertThat(pid.cmdarg().defaultValue().intValue()).isZero();
        assertThat(pid.description()).isEqualTo("Process ID to trace");

        // bpftool's padding quirk: duplicate "name" keys, last one wins, stray "size" kept as an extra.
        Variable padded = skel.dataSections().get(0).variables().get(1);
        assertThat(padded.name()).isEqualTo("min_ns");
        assertThat(padded.extras().get("size").intValue()).isEqualTo(4);
        assertThat(padded.value().intValue()).isEqualTo(1000);
        assertThat(skel.dataSections().get(1).variables().get(0).isDummy()).isTrue();

        MapMeta events = skel.maps().get(0);
        assertThat(events.interpreter()).isEqualTo(new Interpreter.StackTrace(java.util.Map.of("pid", "tgid"), false));
        assertThat(events.description()).isEqualTo("the events");
        MapMeta hists = skel.maps().get(1);
        assertThat(hists.sample().typeOrDefault()).isEqualTo(SampleType.LOG2_HIST);
        assertThat(hists.sample().unitOrDefault()).isEqualTo("usecs");
        assertThat(hists.sample().clearMapOrDefault()).isTrue();
        assertThat(hists.exportConfig()).isInstanceOf(ExportConfig.Default.class);
        assertThat(skel.maps().get(2).exportConfig()).isEqualTo(new ExportConfig.CustomMembers(
            java.util.List.of(new ExportConfig.CustomMember("comm?", 8, 12))));
        assertThat(skel.maps().get(3).isMmaped()).isTrue();
        assertThat(skel.maps().get(3).exportConfigOrDefault()).isInstanceOf(ExportConfig.NoExport.class);

        ProgMeta tc = skel.progs().get(0);
        assertThat(tc.tcHook()).isEqualTo(new TcHook(2, "BPF_TC_EGRESS"));
        assertThat(tc.tcOpts()).isEqualTo(new TcOpts(3, 4));
        assertThat(skel.progs().get(1).xdpOptions()).isEqualTo(new XdpOptions(5, 2, 7));
        assertThat(skel.progs().get(1).description()).isEqualTo("drops nothing");

        assertThat(skel.doc().details()).isEqualTo("line 1\nline 2");
        assertThat(skel.doc().summary()).isEqualTo("A brief");
        assertThat(meta.exportTypes().get(0).typeId()).isEqualTo(42);
        assertThat(meta.options().pollTimeoutMsOrDefault()).isEqualTo(50);
        assertThat(meta.options().multipleExportTypes()).isTrue();
        assertThat(meta.eunomiaVersion()).isEqualTo("0.3.4");
    }

    @Test
    void writingKeepsEveryKeyAndSortsThem() throws IOException {
        byte[] original = resource("full.skel.json");
        ObjectMeta meta = ObjectMeta.parse(original, "full.skel.json");
        byte[] written = meta.toCanonicalJson();

        // Same document as the input (after last-wins on duplicates), keys sorted.
        JsonNode expected = Json.sorted(Json.parse(original));
        assertThat(Json.parse(written)).isEqualTo(expected);
        assertThat(new String(written)).isEqualTo(Json.canonicalString(expected));
        assertThat(ObjectMeta.parse(written, "again")).isEqualTo(meta);
    }

    @Test
    void missingOrNullListsReadAsEmpty() {
        ObjectMeta meta = ObjectMeta.parse(
            "{\"bpf_skel\":{\"obj_name\":\"x\",\"data_sections\":null,\"maps\":null}}".getBytes(), "t");
        assertThat(meta.bpfSkel().maps()).isEmpty();
        assertThat(meta.bpfSkel().progs()).isEmpty();
        assertThat(meta.bpfSkel().dataSections()).isEmpty();
        assertThat(meta.exportTypes()).isEmpty();
        assertThat(meta.toJson().get("bpf_skel").get("maps").isArray()).isTrue();
    }

    @Test
    void errorsNameTheFieldAndTheExpectation() {
        assertThatThrownBy(() -> ObjectMeta.parse(("{\"bpf_skel\":{\"obj_name\":\"x\",\"maps\":[{\"name\":\"m\",\"ident\":\"m\","
            + "\"sample\":{\"interval\":\"often\"}}]}}").getBytes(), "p.json"))
            .hasMessage("p.json: meta.bpf_skel.maps[0].sample.interval: expected an unsigned integer, "
                + "found the string \"often\"");
        assertThatThrownBy(() -> ObjectMeta.parse("{\"bpf_skel\":{\"obj_name\":\"x\",\"progs\":[{\"name\":\"p\"}]}}"
            .getBytes(), "p.json"))
            .hasMessage("p.json: meta.bpf_skel.progs[0].attach: missing, expected a string");
        assertThatThrownBy(() -> ObjectMeta.parse("{\"bpf_skel\":{\"obj_name\":\"x\",\"doc\":{\"version\":42}}}"
            .getBytes(), "p.json"))
            .hasMessage("p.json: meta.bpf_skel.doc.version: expected a string, found the number 42");
        assertThatThrownBy(() -> ObjectMeta.parse(("{\"bpf_skel\":{\"obj_name\":\"x\",\"maps\":[{\"name\":\"m\","
            + "\"ident\":\"m\",\"sample\":{\"interval\":1,\"type\":\"pie\"}}]}}").getBytes(), "p.json"))
            .hasMessageContaining("sample.type: expected one of log2_hist, linear_hist, default_kv");
        assertThatThrownBy(() -> ObjectMeta.parse("{\"bpf_skel\":".getBytes(), "p.json"))
            .hasMessageStartingWith("p.json: not valid JSON:");
        assertThatThrownBy(() -> ObjectMeta.parse("{}".getBytes(), "p.json"))
            .hasMessage("p.json: meta.bpf_skel: missing, expected an object");
    }

    @Test
    void tcHookErrorsNameTheProgram() {
        ObjectMeta meta = ObjectMeta.parse(("{\"bpf_skel\":{\"obj_name\":\"x\",\"progs\":[{\"name\":\"t\",\"attach\":\"tc\","
            + "\"link\":true,\"tchook\":{\"attach_point\":\"SIDEWAYS\"}}]}}").getBytes(), "p");
        assertThatThrownBy(() -> meta.bpfSkel().progs().get(0).tcHook())
            .hasMessageContaining("progs[name=t].tchook.attach_point: expected BPF_TC_INGRESS");
    }
}
