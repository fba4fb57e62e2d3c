package dev.ebpm.compiler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticsTest {
    @Test
    void prefixesRelativePathsWithTheSourceDirectory() {
        String clang = """
            In file included from x.bpf.c:4:
            x.h:3:1: error: unknown type name 'foo'
            foo bar;
            ^
            /usr/include/bpf/bpf_helpers.h:10:2: warning: something
            x.bpf.c:12:5: error: use of undeclared identifier 'y'
            2 errors generated.
            """;
        String shown = Diagnostics.withSourcePaths(clang, "examples/x");
        assertThat(shown).contains("In file included from examples/x/x.bpf.c:4:")
            .contains("examples/x/x.h:3:1: error: unknown type name 'foo'")
            .contains("/usr/include/bpf/bpf_helpers.h:10:2: warning")
            .contains("examples/x/x.bpf.c:12:5: error");
        assertThat(Diagnostics.errorCount(clang)).isEqualTo("2 errors");
        assertThat(Diagnostics.withSourcePaths(clang, ".")).isEqualTo(clang);
    }

    @Test
    void namesTheRealDirectoriesBehindACompileLayout() {
        String clang = """
            In file included from src/x.bpf.c:4:
            vmlinux/vmlinux.h:7:1: error: redefinition of 'u32'
            src/x.bpf.c:12:5: error: use of undeclared identifier 'y'
            /usr/include/bpf/bpf_helpers.h:10:2: warning: something
            """;
        java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("src", "examples/x");
        shown.put("vmlinux", "/root/.cache/ebpm/ecc/vmlinux/btf-1");
        assertThat(Diagnostics.withLinkedPaths(clang, shown)).contains("In file included from examples/x/x.bpf.c:4:")
            .contains("/root/.cache/ebpm/ecc/vmlinux/btf-1/vmlinux.h:7:1: error")
            .contains("examples/x/x.bpf.c:12:5: error")
            .contains("/usr/include/bpf/bpf_helpers.h:10:2: warning");
        shown.put("src", "");
        assertThat(Diagnostics.withLinkedPaths(clang, shown)).contains("\nx.bpf.c:12:5: error");
    }
}
