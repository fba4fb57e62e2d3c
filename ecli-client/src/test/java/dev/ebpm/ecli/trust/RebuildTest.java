package dev.ebpm.ecli.trust;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildTest {
    @Test
    void namesEachToolTheHubUsedThatIsAnotherHere() {
        Map<String, String> hub = Map.of("clang", "19.1.7", "mcpu", "v3", "vmlinux.h", "sha256:aa");
        assertThat(Rebuild.differences(hub, Map.of("clang", "19.1.7", "mcpu", "v3", "vmlinux.h", "sha256:bb",
            "extra", "x"))).containsExactly("vmlinux.h sha256:aa there, sha256:bb here");
        assertThat(Rebuild.differences(hub, Map.of("mcpu", "v3", "vmlinux.h", "sha256:aa")))
            .containsExactly("clang 19.1.7 there, none here");
        // Provenance from before a tool was recorded names less: only what it names is compared.
        assertThat(Rebuild.differences(Map.of("clang", "19.1.7"), hub)).isEmpty();
    }
}
