package dev.ebpm.compiler.headers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrecompiledHeaderTest {
    @Test
    void takesTheLeadingRunOfSystemIncludesAndVmlinux() {
        String src = "// SPDX\n/* a\n comment */\n#include \"vmlinux.h\"\n#include <bpf/bpf_helpers.h>\n"
            + "  #  include <bpf/bpf_tracing.h> // trailing\n#include \"local.h\"\n#include <bpf/bpf_core_read.h>\n";
        assertThat(PrecompiledHeader.leadingIncludes(src))
            .containsExactly("\"vmlinux.h\"", "<bpf/bpf_helpers.h>", "<bpf/bpf_tracing.h>");
    }

    @Test
    void stopsAtTheFirstDefinitionOrLocalHeader() {
        assertThat(PrecompiledHeader.leadingIncludes("#define BPF_NO_GLOBAL_DATA\n#include <linux/bpf.h>\n")).isEmpty();
        assertThat(PrecompiledHeader.leadingIncludes("#include \"common.h\"\n#include \"vmlinux.h\"\n")).isEmpty();
        assertThat(PrecompiledHeader.leadingIncludes("int x;\n")).isEmpty();
        assertThat(PrecompiledHeader.leadingIncludes("")).isEmpty();
    }
}
