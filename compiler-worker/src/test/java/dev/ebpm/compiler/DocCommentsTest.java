package dev.ebpm.compiler;

import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.CmdArg;
import dev.ebpm.format.meta.Interpreter;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.meta.TcHook;
import dev.ebpm.format.meta.TcOpts;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.format.meta.XdpOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Doc comments of a real source, read through clang's AST, land where eunomia's ecc puts them. */
class DocCommentsTest {
    private static ObjectMeta meta;

    @BeforeAll
    static void compile() throws CompileException {
        meta = TestCompiles.compile("docs/docs.bpf.c", "docs/docs.h").pkg().meta();
    }

    private static Variable variable(String name) {
        return meta.bpfSkel().dataSections().stream().flatMap(d -> d.variables().stream())
            .filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void plainLinesAreJoinedWithSpaces() {
        assertThat(variable("pid_target").description()).isEqualTo("Process ID to trace. A second line joins the first.");
        assertThat(variable("min_ns").description()).isEqualTo("A block comment works too.");
        assertThat(variable("name_filter").description()).isNull();
    }

    @Test
    void cmdargAndDescriptionAnnotations() {
        CmdArg sig = variable("target_signal").cmdarg();
        assertThat(sig.longName()).isEqualTo("sig");
        assertThat(sig.shortName()).isEqualTo("s");
        assertThat(sig.help()).isEqualTo("the signal to watch");
        assertThat(sig.defaultValue().intValue()).isEqualTo(3);
        assertThat(variable("target_signal").description()).isEqualTo("Signal number");
        assertThat(variable("failed_only").cmdarg().defaultValue().booleanValue()).isFalse();
        assertThat(variable("failed_only").description()).isEqualTo("Only failures");
    }

    @Test
    void descriptionsStayStringsEvenWhenTheyLookLikeJson() {
        assertThat(variable("looks_like_json").description()).isEqualTo("42");
    }

    @Test
    void customKeysAreJsonWhenTheyParseAndTrueWhenBare() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> extras = variable("custom_keys").extras();
        assertThat(extras.get("unit").asText()).isEqualTo("ms");
        assertThat(extras.get("weight").intValue()).isEqualTo(3);
        assertThat(extras.get("flag").booleanValue()).isTrue();
    }

    @Test
    void mapAnnotationsComeFromTheStructBeforeTheMap() {
        BpfSkel skel = meta.bpfSkel();
        MapMeta hists = skel.map("hists").orElseThrow();
        assertThat(hists.sample().interval()).isEqualTo(500);
        assertThat(hists.sample().type()).isEqualTo(SampleType.LOG2_HIST);
        assertThat(hists.sample().unit()).isEqualTo("nsecs");
        assertThat(hists.sample().clearMap()).isTrue();
        MapMeta events = skel.map("events").orElseThrow();
        assertThat(events.description()).isEqualTo("The events");
        assertThat(events.interpreter()).isEqualTo(new Interpreter.StackTrace(Map.of("pid", "pid"), false));
    }

    @Test
    void programAnnotations() {
        BpfSkel skel = meta.bpfSkel();
        ProgMeta exec = skel.prog("handle_exec").orElseThrow();
        assertThat(exec.description()).isEqualTo("Called when a process starts");
        assertThat(exec.extras().get("flag").asText()).isEqualTo("custom flag text");
        ProgMeta tc = skel.prog("tc_egress").orElseThrow();
        assertThat(tc.tcHook()).isEqualTo(new TcHook(2, "BPF_TC_EGRESS"));
        assertThat(tc.tcOpts()).isEqualTo(new TcOpts(5, 7));
        assertThat(skel.prog("xdp_pass").orElseThrow().xdpOptions()).isEqualTo(new XdpOptions(3, 2, 0));
    }

    @Test
    void macroWrittenProgramsTakeTheCommentAboveThem() {
        BpfSkel skel = meta.bpfSkel();
        ProgMeta onSwitch = skel.prog("on_switch").orElseThrow();
        assertThat(onSwitch.description()).isEqualTo("Written with a macro, which clang attaches no comment to");
        assertThat(onSwitch.extras().get("flag").asText()).isEqualTo("raw");
        ProgMeta onWakeup = skel.prog("on_wakeup").orElseThrow();
        assertThat(onWakeup.description()).isEqualTo("A block comment on a macro-written program.");
        assertThat(onWakeup.extras().get("unit").asText()).isEqualTo("usecs");
    }

    @Test
    void licenseDocBecomesTheProgramDoc() {
        var doc = meta.bpfSkel().doc();
        assertThat(doc.brief()).isEqualTo("A test program.");
        assertThat(doc.details()).isEqualTo("First line of details,\nsecond line of details.");
        assertThat(doc.version()).isEqualTo("0.1");
        assertThat(doc.extras().get("author").asText()).isEqualTo("someone");
    }

    @Test
    void exportTypesAreTheHeadersStructs() {
        assertThat(meta.exportTypes()).hasSize(1);
        assertThat(meta.exportTypes().get(0).name()).isEqualTo("doc_sample");
        assertThat(meta.exportTypes().get(0).members()).extracting(m -> m.name() + ":" + m.type())
            .containsExactly("pid:int", "comm:char[16]");
        assertThat(variable("__eunomia_dummy_doc_sample_ptr").type()).isEqualTo("struct doc_sample *");
    }
}
