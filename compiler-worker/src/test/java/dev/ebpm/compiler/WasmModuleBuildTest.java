package dev.ebpm.compiler;

import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.format.wasm.WasmModuleInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ecc --wasm}: the module, the headers it is built with, and the failures of its user-space half. */
class WasmModuleBuildTest {
    private static CompileResult build(String userSpace) throws CompileException {
        return TestCompiles.compile(CompileRequest.of(TestCompiles.fixture("wasm/layout.bpf.c"),
            TestCompiles.fixture("wasm/layout.h")).withOutputDir(TestCompiles.tempDir())
            .withWasmSource(TestCompiles.fixture("wasm/" + userSpace)));
    }

    @Test
    void writesAppWasmWithTheObjectEmbeddedAndTheHeadersNextToIt() throws Exception {
        CompileResult r = build("layout.c");
        Path out = r.wasmModule().getParent();
        assertThat(r.wasmModule().getFileName()).hasToString(WasmFormat.DEFAULT_FILE_NAME);
        assertThat(r.written()).contains(r.wasmModule(), out.resolve("layout.skel.h"), out.resolve("layout.wasm.h"));
        byte[] module = Files.readAllBytes(r.wasmModule());
        assertThat(WasmFormat.looksLikeWasm(module)).isTrue();
        // The object sits in a data segment byte for byte, so the module is the whole tool.
        assertThat(indexOf(module, r.pkg().elf())).isNotNegative();
        WasmModuleInfo info = WasmModuleInfo.read(module, "app.wasm");
        assertThat(info.command()).isTrue();
        assertThat(info.usesWasmBpf()).isTrue();
        assertThat(info.imports()).contains("wasm_bpf.wasm_load_bpf_object", "wasm_bpf.wasm_bpf_buffer_poll");
        assertThat(info.bpfObject()).hasValueSatisfying(o -> assertThat(o).isEqualTo(r.pkg().elf()));
        String skel = Files.readString(out.resolve("layout.skel.h"));
        assertThat(skel).contains("\"on_exec\"", "#define LAYOUT_MAP_EVENTS \"events\"", "#include \"layout.wasm.h\"");
    }

    /**
     * The export struct as wasm32 code sees it has every member at the offset the BPF side writes it at: the
     * generated header is compiled for wasm32 with an offsetof assertion per member, taken from the BTF.
     */
    @Test
    void exportTypesHaveTheBpfSidesOffsetsInWasm32() throws Exception {
        CompileResult r = build("layout.c");
        Path out = r.wasmModule().getParent();
        Btf btf = BpfObject.parse(r.pkg().elf()).btf();
        BtfType.Composite event = btf.struct("layout_event").orElseThrow();
        BtfType.Composite inner = btf.struct("inner").orElseThrow();
        StringBuilder check = new StringBuilder("#include <stddef.h>\n#include \"layout.wasm.h\"\n");
        int asserted = 0;
        for (BtfType.Composite c : List.of(event, inner)) {
            check.append("_Static_assert(sizeof(struct ").append(c.name()).append(") == ").append(c.size())
                .append(", \"size\");\n");
            for (BtfType.Member m : c.members()) {
                if (!m.name().isEmpty() && !m.isBitfield()) {
                    check.append("_Static_assert(offsetof(struct ").append(c.name()).append(", ").append(m.name())
                        .append(") == ").append(m.bitOffset() / 8).append(", \"").append(m.name()).append("\");\n");
                    asserted++;
                }
            }
        }
        assertThat(asserted).isGreaterThanOrEqualTo(11);
        Path c = out.resolve("check.c");
        Files.writeString(c, check);
        Process p = new ProcessBuilder("clang-19", "--target=wasm32-wasi", "-fsyntax-only", "-I", out.toString(),
            c.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(check + log).isZero();
        String types = Files.readString(out.resolve("layout.wasm.h"));
        assertThat(types).contains("int64_t l;", "uint64_t p;", "struct inner in[2];", "unsigned __int128 big;",
            "uint64_t matrix[2][3];", "char name[5];");
    }

    @Test
    void aCallToAnUndefinedFunctionIsNamed() {
        assertThatThrownBy(() -> build("undefined.c")).isInstanceOf(CompileException.class)
            .hasMessage("undefined.c calls not_defined_anywhere, which neither wasi-libc nor the wasm_bpf imports "
                + "of the generated .skel.h define");
    }

    @Test
    void aCompileErrorShowsClangsDiagnostics() {
        assertThatThrownBy(() -> build("broken.c")).isInstanceOf(CompileException.class)
            .hasMessageStartingWith("clang could not compile broken.c to wasm32-wasi (")
            .satisfies(e -> assertThat(((CompileException) e).details()).contains("layout_bpf_lod"));
    }

    @Test
    void aMissingUserSpaceSourceIsRefusedBeforeCompiling() {
        assertThatThrownBy(() -> build("nonexistent.c")).isInstanceOf(CompileException.class)
            .hasMessageEndingWith("nonexistent.c: no such file (the user-space source of the wasm module)");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
