package dev.ebpm.format.btf;

import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.testing.Commands;
import dev.ebpm.format.testing.TestBpfObjects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The BTF reader checked against bpftool, an independent reader, on the kernel's BTF and on our own object. */
class BtfReaderTest {
    private static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    @Test
    void kernelBtfReadsExactlyAsBpftoolDumpsIt() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(VMLINUX), "this kernel exposes no BTF at " + VMLINUX);
        Btf btf = Btf.parse(Files.readAllBytes(VMLINUX));
        String expected = Commands.run(List.of("bpftool", "btf", "dump", "file", VMLINUX.toString()));
        String actual = String.join("\n", BpftoolRawDump.lines(btf)) + "\n";
        assertThat(btf.size()).isGreaterThan(10_000);
        // Compare line by line so a difference is reported where it is, not as a 20 MB string.
        List<String> e = Arrays.asList(expected.split("\n"));
        List<String> a = Arrays.asList(actual.split("\n"));
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            assertThat(a.get(i)).as("line %d", i + 1).isEqualTo(e.get(i));
        }
        assertThat(a).hasSameSizeAs(e);
    }

    @Test
    void objectBtfMatchesBpftoolOutsideDataSections() {
        Path obj = TestBpfObjects.compile("btf_kinds");
        Btf btf = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
        String expected = Commands.run(List.of("bpftool", "btf", "dump", "file", obj.toString()));
        // bpftool shows the object's BTF as clang wrote it. Finalizing changes only the data sections.
        assertThat(withoutDataSecs(String.join("\n", BpftoolRawDump.lines(btf))))
            .isEqualTo(withoutDataSecs(expected.strip()));
    }

    private static String withoutDataSecs(String dump) {
        return Arrays.stream(dump.split("\n(?=\\[)"))
            .filter(block -> !block.contains("] DATASEC "))
            .collect(Collectors.joining("\n"));
    }

    @Test
    void decodesEveryKindOfTheTestObject() {
        Btf btf = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
        BtfType.Composite event = btf.struct("event").orElseThrow();
        assertThat(event.members()).extracting(BtfType.Member::name).startsWith("pid", "comm", "matrix", "in");

        BtfType.Composite flags = btf.struct("flags").orElseThrow();
        assertThat(flags.members()).extracting(BtfType.Member::bitfieldSize).containsExactly(3, 5, 0);
        assertThat(flags.members()).extracting(BtfType.Member::bitOffset).containsExactly(0L, 3L, 32L);

        BtfType.Enum color = btf.all(BtfType.Enum.class).stream().filter(e -> e.name().equals("color")).findFirst()
            .orElseThrow();
        assertThat(color.values()).extracting(BtfType.EnumValue::name, BtfType.EnumValue::value)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("RED", 0L),
                org.assertj.core.groups.Tuple.tuple("GREEN", 5L),
                // clang 14 does not set BTF's signed-enum flag, so -1 reads as its unsigned 32-bit pattern.
                org.assertj.core.groups.Tuple.tuple("MINUS", color.signed() ? -1L : 0xffffffffL));

        BtfType.Enum level = btf.all(BtfType.Enum.class).stream().filter(e -> e.name().equals("level")).findFirst()
            .orElseThrow();
        assertThat(level.values().get(1).value()).isEqualTo(0xfffffff0L);

        int aliased = member(event, "aliased").type();
        assertThat(btf.type(aliased)).isInstanceOf(BtfType.Typedef.class);
        assertThat(btf.resolve(aliased)).isEqualTo(btf.struct("inner").orElseThrow());
        assertThat(btf.sizeOf(member(event, "matrix").type())).isEqualTo(24);
        assertThat(btf.sizeOf(event.id())).isEqualTo(event.size());
    }

    @Test
    void printsCTypeNamesTheWayEunomiaDoes() {
        Btf btf = Btf.fromObject(ElfFile.parse(TestBpfObjects.bytes("btf_kinds")));
        BtfType.Composite event = btf.struct("event").orElseThrow();
        assertThat(name(btf, event, "pid")).isEqualTo("__u32");
        assertThat(name(btf, event, "comm")).isEqualTo("char[16]");
        assertThat(name(btf, event, "matrix")).isEqualTo("__u32[2][3]");
        assertThat(name(btf, event, "in")).isEqualTo("struct inner");
        assertThat(name(btf, event, "aliased")).isEqualTo("inner_alias_t");
        assertThat(name(btf, event, "num")).isEqualTo("union number");
        assertThat(name(btf, event, "col")).isEqualTo("enum color");
        // libbpf prints qualifiers innermost first (bpftool's C dump shows the same "volatile const int *").
        assertThat(name(btf, event, "cv_ptr")).isEqualTo("volatile const int *");
        assertThat(name(btf, event, "fn")).isEqualTo("int (*)(int, char *)");
        assertThat(name(btf, event, "arr_ptr")).isEqualTo("int (*)[4]");
        assertThat(name(btf, event, "strs")).isEqualTo("char *[2]");
        assertThat(name(btf, event, "wide")).isEqualTo("unsigned __int128");
        assertThat(name(btf, event, "d")).isEqualTo("double");
        assertThat(name(btf, event, "ok")).isEqualTo("_Bool");
        assertThat(name(btf, event, "ul")).isEqualTo("unsigned long");
        assertThat(name(btf, event, "inners")).isEqualTo("struct inner[2]");
        assertThat(btf.typeNameWithoutModifiers(member(event, "cv_ptr").type())).isEqualTo("int *");
    }

    private static String name(Btf btf, BtfType.Composite c, String member) {
        return btf.typeName(member(c, member).type());
    }

    private static BtfType.Member member(BtfType.Composite c, String name) {
        return c.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
