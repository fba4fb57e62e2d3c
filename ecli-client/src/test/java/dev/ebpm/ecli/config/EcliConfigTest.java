package dev.ebpm.ecli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EcliConfigTest {
    @Test
    void theRegistryComesFromTheOptionTheEnvironmentTheFileOrTheDefault(@TempDir Path dir) throws Exception {
        EcliConfig none = new EcliConfig(dir, Map.of());
        assertThat(none.registry(null)).isEqualTo(URI.create("http://localhost:8080"));
        Files.writeString(dir.resolve("config.toml"), "# ours\nregistry = \"https://hub.example.org/\"\n");
        assertThat(none.registry(null)).isEqualTo(URI.create("https://hub.example.org"));
        EcliConfig env = new EcliConfig(dir, Map.of("ECLI_REGISTRY", "localhost:5000"));
        assertThat(env.registry(null)).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(env.registry("registry.example.com")).isEqualTo(URI.create("https://registry.example.com"));
    }

    @Test
    void tokensAreKeptPerRegistryInAPrivateFile(@TempDir Path dir) throws Exception {
        EcliConfig config = new EcliConfig(dir, Map.of());
        URI a = URI.create("http://localhost:8080");
        URI b = URI.create("https://hub.example.org");
        config.saveToken(a, "ebpm_aaaaaaaaaaaaaaaaaaaa");
        config.saveToken(b, "ebpm_bbbbbbbbbbbbbbbbbbbb");
        assertThat(config.token(a)).contains("ebpm_aaaaaaaaaaaaaaaaaaaa");
        assertThat(config.token(b)).contains("ebpm_bbbbbbbbbbbbbbbbbbbb");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.credentialsFile())))
            .isEqualTo("rw-------");
        assertThat(config.removeToken(a)).isTrue();
        assertThat(config.token(a)).isEmpty();
        assertThat(config.token(b)).isPresent();
    }
}
