package dev.ebpm.format.btf;

import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.testing.Commands;
import dev.ebpm.format.testing.TestBpfObjects;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * clang leaves DATASEC sizes and global offsets at 0; the reader fills them in from the ELF like libbpf.
 * The expected values come from llvm-readelf, not from our own ELF reader.
 */
class DataSecFinalizationTest {
    @Test
    void sizesAndOffsetsComeFromTheElfLikeLibbpf() {
        var path = TestBpfObjects.compile("btf_kinds");
        Btf btf = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
        Map<String, Long> symbols = readelfSymbols(path.toString());
        Map<String, Long> sections = readelfSectionSizes(path.toString());

        for (String name : List.of(".rodata", ".bss", ".data", ".maps")) {
            BtfType.DataSec sec = btf.dataSec(name).orElseThrow();
            assertThat(sec.size()).as("size of %s", name).isEqualTo(sections.get(name));
            long previous = -1;
            for (BtfType.VarSecInfo v : sec.vars()) {
                BtfType.Var var = (BtfType.Var) btf.type(v.type());
                assertThat(v.offset()).as("sorted by offset in %s", name).isGreaterThanOrEqualTo(previous);
                previous = v.offset();
                if (!var.isStatic()) {
                    assertThat(v.offset()).as("offset of %s", var.name()).isEqualTo(symbols.get(var.name()));
                }
            }
        }
    }

    @Test
    void hiddenGlobalsStayGlobalAsInLibbpf11() {
        Btf btf = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
        BtfType.Var hidden = btf.all(BtfType.Var.class).stream().filter(v -> v.name().equals("hidden_var"))
            .findFirst().orElseThrow();
        assertThat(hidden.isStatic()).isFalse();
        BtfType.Var bssInt = btf.all(BtfType.Var.class).stream().filter(v -> v.name().equals("bss_int"))
            .findFirst().orElseThrow();
        assertThat(bssInt.isStatic()).isFalse();
    }

    private static Map<String, Long> readelfSymbols(String path) {
        Map<String, Long> out = new HashMap<>();
        for (String line : Commands.run(List.of("llvm-readelf", "-s", "--wide", path)).split("\n")) {
            String[] f = line.trim().split("\\s+");
            // Num: Value Size Type Bind Vis Ndx Name
            if (f.length == 8 && f[3].equals("OBJECT")) {
                out.put(f[7], Long.parseLong(f[1], 16));
            }
        }
        return out;
    }

    private static Map<String, Long> readelfSectionSizes(String path) {
        Map<String, Long> out = new HashMap<>();
        for (String line : Commands.run(List.of("llvm-readelf", "-S", "--wide", path)).split("\n")) {
            String l = line.replaceFirst("^\\s*\\[\\s*\\d+\\]\\s*", "");
            String[] f = l.split("\\s+");
            // Name Type Address Off Size ...
            if (f.length > 4 && f[0].startsWith(".")) {
                out.put(f[0], Long.parseLong(f[4], 16));
            }
        }
        return out;
    }
}
