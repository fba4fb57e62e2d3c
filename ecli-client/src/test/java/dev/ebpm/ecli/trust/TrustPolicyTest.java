package dev.ebpm.ecli.trust;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.Digest;
import dev.ebpm.format.trust.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy file: rules by registry and name, keys, modes, allow lists, revocations, and its mistakes. */
class TrustPolicyTest {
    static final URI HUB = URI.create("http://localhost:8080");
    static final Digest D = Digest.sha256(new byte[] {1});

    @Test
    void rulesGiveModesKeysAndAllowLists(@TempDir Path dir) throws Exception {
        SigningKey alice = SigningKey.generate("alice");
        SigningKey bob = SigningKey.generate("bob");
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/alice.pub"), alice.publicKey().pem());
        Files.writeString(dir.resolve("keys/bob.pub"), bob.publicKey().pem());
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, """
            # a comment
            mode = "warn"
            revoked = ["%s"]   # bob's laptop
            allow = ["tools/*", "sigsnoop", "pinned@%s"]

            [[rule]]
            registry = "localhost:8080"
            names = ["tools/*"]
            mode = "require"
            keys = [
              "keys/alice.pub",
            ]

            [[rule]]
            registry = "*"
            keys = ["keys/bob.pub"]
            """.formatted(bob.publicKey().fingerprint(), D));
        TrustPolicy p = TrustPolicy.read(file);
        TrustPolicy.Applied tools = p.apply(HUB, "tools/opensnoop", D, null, List.of());
        assertThat(tools.mode()).isEqualTo(TrustMode.REQUIRE);
        assertThat(tools.keys()).extracting(k -> k.name()).containsExactly("alice", "bob");
        assertThat(tools.revoked()).containsKey(bob.publicKey().fingerprint());
        assertThat(tools.notAllowed()).isNull();
        assertThat(p.apply(URI.create("https://other.example"), "sigsnoop", D, null, List.of()).mode())
            .isEqualTo(TrustMode.REQUIRE);
        assertThat(p.apply(HUB, "execsnoop", D, null, List.of()).notAllowed()).contains("allow list");
        assertThat(p.apply(HUB, "pinned", D, null, List.of()).notAllowed()).isNull();
        assertThat(p.apply(HUB, "pinned", Digest.sha256(new byte[] {2}), null, List.of()).notAllowed()).isNotNull();
        TrustPolicy.Applied off = p.apply(HUB, "tools/x", D, TrustMode.OFF, List.of());
        assertThat(off.mode()).isEqualTo(TrustMode.OFF);
        assertThat(off.keys()).isEmpty();
        assertThat(p.apply(HUB, "tools/x", D, TrustMode.OFF, List.of(), true).keys()).hasSize(2);
        assertThat(p.apply(null, null, null, null, List.of()).mode()).isEqualTo(TrustMode.WARN);
    }

    @Test
    void mistakesAreOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "mode = \"strict\"\n");
        assertThatThrownBy(() -> TrustPolicy.read(file)).hasMessageContaining("require, warn or off");
        Files.writeString(file, "moed = \"warn\"\n");
        assertThatThrownBy(() -> TrustPolicy.read(file)).isInstanceOf(EcliException.class)
            .hasMessageContaining("unknown setting moed");
        Files.writeString(file, "[[rule]]\nkeys = [\"missing.pub\"]\n");
        TrustPolicy p = TrustPolicy.read(file);
        assertThatThrownBy(() -> p.apply(HUB, "x", D, null, List.of())).hasMessageContaining("missing.pub")
            .hasMessageContaining("cannot be read");
        Files.writeString(file, "[[rule]]\nkeys = \"one.pub\"\n");
        assertThatThrownBy(() -> TrustPolicy.read(file)).hasMessageContaining("keys must be a list");
        Files.writeString(file, "[[rules]]\n");
        assertThatThrownBy(() -> TrustPolicy.read(file)).hasMessageContaining("unknown table [[rules]]");
        Files.writeString(file, "mode = warn\n");
        assertThatThrownBy(() -> TrustPolicy.read(file)).hasMessageContaining(file + ":1");
    }

    @Test
    void aRuleAddedByKeyTrustKeepsWhatTheFileHeld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "mode = \"off\"   # mine\n");
        Path key = dir.resolve("k.pub");
        Files.writeString(key, SigningKey.generate("k").publicKey().pem());
        assertThat(TrustPolicy.addRule(file, "localhost:8080", List.of("*"), TrustMode.REQUIRE, key)).isTrue();
        assertThat(Files.readString(file)).startsWith("mode = \"off\"   # mine\n");
        assertThat(TrustPolicy.addRule(file, "localhost:8080", List.of("tools/x"), TrustMode.WARN, key)).isFalse();
        TrustPolicy p = TrustPolicy.read(file);
        assertThat(p.rules()).hasSize(2);
        assertThat(p.apply(HUB, "tools/x", D, null, List.of()).mode()).isEqualTo(TrustMode.REQUIRE);
    }
}
