package dev.ebpm.format.reference;

import dev.ebpm.format.PackageFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageReferenceTest {
    private static PackageReference ref(String s) {
        return PackageReference.parse(s, false);
    }

    @Test
    void registryReferences() {
        assertThat(ref("sigsnoop")).isEqualTo(new PackageReference(PackageReference.Kind.REGISTRY, null, "sigsnoop",
            "latest", "sigsnoop"));
        assertThat(ref("sigsnoop:stable").reference()).isEqualTo("stable");
        assertThat(ref("sigsnoop@1.2.3").reference()).isEqualTo("1.2.3");
        assertThat(ref("sigsnoop:1.2.3").isPinned()).isTrue();
        String digest = "sha256:" + "a".repeat(64);
        assertThat(ref("sigsnoop@" + digest).isDigest()).isTrue();
        assertThat(ref("tools/sigsnoop:latest")).satisfies(r -> {
            assertThat(r.registry()).isNull();
            assertThat(r.name()).isEqualTo("tools/sigsnoop");
        });
        assertThat(ref("localhost:8080/tools/sigsnoop:1.0.0")).satisfies(r -> {
            assertThat(r.registry()).isEqualTo("localhost:8080");
            assertThat(r.name()).isEqualTo("tools/sigsnoop");
            assertThat(r.reference()).isEqualTo("1.0.0");
            assertThat(r.display()).isEqualTo("localhost:8080/tools/sigsnoop@1.0.0");
        });
        assertThat(ref("registry.example.com/sigsnoop").registry()).isEqualTo("registry.example.com");
    }

    @Test
    void filesUrlsAndStdin() {
        assertThat(ref("-").kind()).isEqualTo(PackageReference.Kind.STDIN);
        assertThat(ref("https://hub.example/x/package.json").kind()).isEqualTo(PackageReference.Kind.URL);
        assertThat(ref("examples/sigsnoop/package.json").kind()).isEqualTo(PackageReference.Kind.FILE);
        assertThat(ref("./sigsnoop.ebpm").kind()).isEqualTo(PackageReference.Kind.FILE);
        assertThat(PackageReference.parse("sigsnoop", true).kind()).isEqualTo(PackageReference.Kind.FILE);
    }

    @Test
    void badReferencesSayWhy() {
        assertThatThrownBy(() -> ref("SigSnoop")).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("not a valid package name");
        assertThatThrownBy(() -> ref("sigsnoop@latest")).hasMessageContaining("use : for a tag");
        assertThatThrownBy(() -> ref("sigsnoop@sha256:abc")).hasMessageContaining("digest");
        assertThatThrownBy(() -> ref("a/b/c")).hasMessageContaining("more than one namespace");
    }
}
