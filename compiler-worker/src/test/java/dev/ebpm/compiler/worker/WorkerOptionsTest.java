package dev.ebpm.compiler.worker;

import dev.ebpm.format.options.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerOptionsTest {
    @Test
    void theEnvironmentGivesDefaultsAndOptionsWin() {
        WorkerSettings s = WorkerOptions.parse(new String[] {"--poll", "5", "--name=w1", "--once"},
            Map.of("EBPM_REGISTRY", "http://hub:8080", "EBPM_WORKER_TOKEN", "ebpm_x", "EBPM_WORKER_DIR", "/tmp/w"));
        assertThat(s.registry()).hasToString("http://hub:8080/");
        assertThat(s.token()).isEqualTo("ebpm_x");
        assertThat(s.name()).isEqualTo("w1");
        assertThat(s.workDir()).isEqualTo(Path.of("/tmp/w"));
        assertThat(s.idlePoll()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.once()).isTrue();
        assertThat(s.sandbox()).isTrue();
    }

    @Test
    void badCommandLinesAreOneLine() {
        Map<String, String> env = Map.of("EBPM_WORKER_TOKEN", "t");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--poll", "soon"}, env))
            .isInstanceOf(UsageException.class)
            .hasMessage("--poll: expected a number of seconds (a whole number from 1), got \"soon\"");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {}, Map.of()))
            .hasMessageStartingWith("no token: pass --token or set EBPM_WORKER_TOKEN");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--registry", "::"}, env))
            .hasMessage("--registry: not a URL: ::");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--frob"}, env)).hasMessage("unknown option '--frob'");
        assertThat(WorkerOptions.parse(new String[] {"--help"}, Map.of())).isNull();
    }
}
