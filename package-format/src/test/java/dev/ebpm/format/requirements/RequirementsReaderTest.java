package dev.ebpm.format.requirements;

import dev.ebpm.format.json.Json;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.testing.TestBpfObjects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequirementsReaderTest {
    private static KernelRequirements needs() {
        BpfObject object = BpfObject.parse(TestBpfObjects.bytes("needs"));
        return RequirementsReader.read(object, List.of(new RequirementsReader.Program("on_kill",
                "tp/syscalls/sys_enter_kill"), new RequirementsReader.Program("on_unlink", "fentry/do_unlinkat"),
            new RequirementsReader.Program("pass", "xdp")), object.maps("needs"));
    }

    @Test
    void helpersComeFromTheCallInstructionsIncludingSubprograms() {
        KernelRequirements r = needs();
        assertThat(r.programs()).extracting(ProgramNeeds::name).containsExactly("on_kill", "on_unlink", "pass");
        ProgramNeeds kill = r.programs().get(0);
        assertThat(kill.helpers()).containsExactly("get_current_pid_tgid", "ringbuf_output");
        assertThat(kill.programType()).isEqualTo("tracepoint");
        assertThat(kill.target()).isEqualTo("syscalls/sys_enter_kill");
        assertThat(kill.since()).isEqualTo("5.8");
        assertThat(kill.trampoline()).isFalse();
        ProgramNeeds unlink = r.programs().get(1);
        assertThat(unlink.helpers()).containsExactly("ktime_get_ns");
        assertThat(unlink.trampoline()).isTrue();
        assertThat(unlink.programType()).isEqualTo("tracing");
        assertThat(unlink.since()).isEqualTo("5.5");
        assertThat(r.programs().get(2).helpers()).isEmpty();
        assertThat(r.helpers()).containsExactly("get_current_pid_tgid", "ktime_get_ns", "ringbuf_output");
        assertThat(r.mapTypes()).containsExactly("ringbuf");
        assertThat(r.tracepoints()).containsExactly("syscalls/sys_enter_kill");
        assertThat(r.functions()).containsExactly("do_unlinkat");
        assertThat(r.hooks()).containsExactly("xdp");
        assertThat(r.btf()).as("fentry needs the kernel's BTF").isTrue();
        assertThat(r.minKernel()).isEqualTo("5.8");
    }

    @Test
    void whatTheHubWritesReadsBack() {
        KernelRequirements r = needs();
        assertThat(KernelRequirements.fromJson(Json.parse(new com.fasterxml.jackson.databind.ObjectMapper()
            .valueToTree(r).toString()))).isEqualTo(r);
        KernelRequirements old = KernelRequirements.fromJson(Json.parse("{\"btf\": true, \"tracepoints\": [\"a/b\"]}"));
        assertThat(old.programs()).isEmpty();
        assertThat(old.minKernel()).isNull();
        assertThat(old.tracepoints()).containsExactly("a/b");
    }

    @Test
    void kernelReleasesParseAsUnameWritesThem() {
        assertThat(KernelVersion.parse("6.1.0-18-amd64")).isEqualTo(new KernelVersion(6, 1));
        assertThat(KernelVersion.parse("5.15.0-91-generic").atLeast(KernelVersion.parse("5.8"))).isTrue();
        assertThat(KernelVersion.parse("4.19.0").atLeast(KernelVersion.parse("5.8"))).isFalse();
        assertThat(KernelVersion.parse("5.10").compareTo(KernelVersion.parse("5.9"))).isPositive();
        assertThatThrownBy(() -> KernelVersion.parse("latest")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The helper table's numbers and names against libbpf's generated header, where it is installed. */
    @Test
    void helperNamesMatchLibbpfsHeader() throws IOException {
        Path header = Path.of("/usr/include/bpf/bpf_helper_defs.h");
        Assumptions.assumeTrue(Files.exists(header), "libbpf-dev is not installed, so there is no header to compare");
        Map<Integer, String> declared = new HashMap<>();
        Matcher m = Pattern.compile("\\(\\*\\s*const\\s+bpf_(\\w+)\\)\\s*\\([^;]*?\\)\\s*=\\s*\\(void \\*\\)\\s*(\\d+);",
            Pattern.DOTALL).matcher(Files.readString(header));
        while (m.find()) {
            declared.put(Integer.parseInt(m.group(2)), m.group(1));
        }
        assertThat(declared).hasSizeGreaterThan(200);
        for (Map.Entry<Integer, String> e : declared.entrySet()) {
            assertThat(Helpers.byId(e.getKey())).as("helper %d", e.getKey()).isPresent().get()
                .extracting(Helpers.Helper::name).isEqualTo(e.getValue());
        }
    }
}
