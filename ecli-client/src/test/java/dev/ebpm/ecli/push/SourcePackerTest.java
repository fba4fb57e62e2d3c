package dev.ebpm.ecli.push;

import dev.ebpm.format.sourcearchive.SourceArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A pushed directory is its sources: what ecc wrote next to them (a wasm tool's too) stays home. */
class SourcePackerTest {
    @Test
    void eccsOutputsAreLeftOutAndAWasmToolsUserSpaceGoesIn(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"tool.bpf.c", "tool.h", "tool.c", "README.md", "package.json", "tool.ebpm",
            "tool.bpf.o", "tool.skel.json", "tool.skel.h", "tool.wasm.h", "app.wasm"}) {
            Files.writeString(dir.resolve(f), "x");
        }
        SourceArchive archive = SourceArchive.read(SourcePacker.pack(dir), SourceArchive.DEFAULT_MAX_FILES,
            SourceArchive.DEFAULT_MAX_UNPACKED);
        assertThat(archive.sizes().keySet()).containsExactlyInAnyOrder("tool.bpf.c", "tool.h", "tool.c", "README.md");
        assertThat(archive.wasmSource()).hasValue("tool.c");
    }
}
