package dev.ebpm.compiler.worker;

import dev.ebpm.format.Digest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A leased build whose sources are not what the lease names is reported failed, without compiling. */
class BuildRunnerTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));

    private static Lease lease(Digest sources) {
        UUID build = UUID.randomUUID();
        return new Lease(build, UUID.randomUUID(), "tools/x", "1.0.0", 1, OffsetDateTime.now().plusSeconds(30),
            "/api/v1/worker/builds/" + build + "/sources", sources);
    }

    private static BuildRunner runner(FakeRegistry registry, Path dir) {
        return new BuildRunner(new RegistryClient(registry.base(), "t", QUICK, line -> { }),
            log -> {
                throw new AssertionError("nothing must be compiled");
            }, dir, "test-worker", line -> { });
    }

    @Test
    void sourcesThatAreNotTheLeasedDigestFailTheBuild() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            Lease l = lease(Digest.sha256("the real sources".getBytes(StandardCharsets.UTF_8)));
            registry.on("/sources", new FakeRegistry.Reply(200, "something else"))
                .on("/failure", new FakeRegistry.Reply(200, "{}"));
            Path dir = Files.createTempDirectory("runner");
            assertThat(runner(registry, dir).run(l)).isTrue();
            assertThat(registry.seen("/failure")).singleElement()
                .satisfies(s -> assertThat(s.text()).contains("are not " + l.sourceDigest()));
            assertThat(dir.resolve("builds")).satisfies(d -> assertThat(!Files.exists(d)
                || Files.list(d).findAny().isEmpty()).isTrue());
        }
    }

    @Test
    void anArchiveThatIsNotSourcesFailsTheBuildWithTheReason() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            byte[] junk = "not a tar.gz".getBytes(StandardCharsets.UTF_8);
            Lease l = lease(Digest.sha256(junk));
            registry.on("/sources", new FakeRegistry.Reply(200, "not a tar.gz"))
                .on("/failure", new FakeRegistry.Reply(200, "{}"));
            assertThat(runner(registry, Files.createTempDirectory("runner")).run(l)).isTrue();
            assertThat(registry.seen("/failure")).singleElement()
                .satisfies(s -> assertThat(s.text()).startsWith("bad source archive: not a valid tar.gz archive"));
        }
    }

    @Test
    void aLeaseLostWhileReportingMeansAnotherWorkerHasTheBuild() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            Lease l = lease(Digest.sha256("x".getBytes(StandardCharsets.UTF_8)));
            registry.on("/sources", new FakeRegistry.Reply(200, "y"))
                .on("/failure", FakeRegistry.error(409, "LEASE_LOST", "this worker no longer holds build"));
            assertThat(runner(registry, Files.createTempDirectory("runner")).run(l)).isFalse();
        }
    }
}
