package dev.ebpm.compiler.worker;

import dev.ebpm.format.Digest;
import dev.ebpm.format.provenance.BuildEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's side of leases, heartbeats and reports, against a registry answered by the test. */
class WorkerClientTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));

    private FakeRegistry registry;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private RegistryClient client;
    private Lease lease;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = new RegistryClient(registry.base(), "ebpm_worker_token", QUICK, log::add);
        UUID build = UUID.randomUUID();
        lease = new Lease(build, UUID.randomUUID(), "tools/x", "1.0.0", 1, OffsetDateTime.now().plusSeconds(3),
            "/api/v1/worker/builds/" + build + "/sources", Digest.sha256("src".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aLeaseIsReadAndNoneWaitingIsEmpty() throws Exception {
        registry.on("/lease", new FakeRegistry.Reply(204, ""), new FakeRegistry.Reply(200, FakeRegistry.leaseJson(lease)));
        assertThat(client.lease("w 1")).isEmpty();
        assertThat(client.lease("w 1")).contains(lease);
        FakeRegistry.Seen asked = registry.seen("/lease").get(0);
        assertThat(asked.header("Authorization")).isEqualTo("Bearer ebpm_worker_token");
    }

    @Test
    void aRefusedTokenIsNotRetried() {
        registry.on("/lease", FakeRegistry.error(401, "UNAUTHORIZED", "the token is not valid"));
        assertThatThrownBy(() -> client.lease("w")).isInstanceOfSatisfying(WorkerException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).endsWith("the token is not valid");
        });
    }

    @Test
    void aReportIsRetriedUntilTheRegistryIsBackAndSentTheSameEachTime() throws Exception {
        registry.on("/success", FakeRegistry.error(503, "UNAVAILABLE", "the database is unavailable"),
            FakeRegistry.error(503, "UNAVAILABLE", "the database is unavailable"),
            new FakeRegistry.Reply(200, "{\"state\":\"succeeded\"}"));
        BuildEnvironment env = new BuildEnvironment("w", java.util.Map.of("clang", "19.1.7"), java.util.Map.of());
        client.success(lease, "package".getBytes(StandardCharsets.UTF_8), RegistryClient.PACKAGE_TYPE, env);
        List<FakeRegistry.Seen> sent = registry.seen("/success");
        assertThat(sent).hasSize(3).allSatisfy(s -> {
            assertThat(s.header(RegistryClient.LEASE_HEADER)).isEqualTo(lease.lease().toString());
            assertThat(BuildEnvironment.parse(java.util.Base64.getDecoder().decode(
                s.header(RegistryClient.ENVIRONMENT_HEADER)))).isEqualTo(env);
            assertThat(s.text()).isEqualTo("package");
        });
        assertThat(log).hasSize(2).allSatisfy(l -> assertThat(l).contains("retrying"));
    }

    @Test
    void aReportToARegistryThatIsDownIsRetriedToo() throws Exception {
        int port = registry.base().getPort();
        registry.close();
        RegistryClient nowhere = new RegistryClient(java.net.URI.create("http://127.0.0.1:" + port + "/"), "t",
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(300)), log::add);
        assertThatThrownBy(() -> nowhere.failure(lease, "log")).isInstanceOfSatisfying(WorkerException.class,
            e -> assertThat(e.status()).isZero());
        assertThat(log.size()).isGreaterThan(2);
    }

    @Test
    void aLostLeaseEndsTheReportAtOnce() {
        registry.on("/failure", FakeRegistry.error(409, "LEASE_LOST", "this worker no longer holds the build"));
        assertThatThrownBy(() -> client.failure(lease, "it broke")).isInstanceOfSatisfying(WorkerException.class,
            e -> assertThat(e.leaseLost()).isTrue());
        assertThat(registry.seen("/failure")).hasSize(1);
    }

    @Test
    void logChunksAreNumberedSoARetriedOneIsAppendedOnce() throws Exception {
        registry.on("/log", FakeRegistry.error(502, "", ""), new FakeRegistry.Reply(204, ""));
        client.log(lease, 1, "compiling\n");
        assertThat(registry.seen("/log")).hasSize(2)
            .allSatisfy(s -> assertThat(s.header(RegistryClient.LOG_SEQUENCE_HEADER)).isEqualTo("1"));
    }

    @Test
    void aHeartbeatKeepsTheLeaseAndALostLeaseStopsTheBuild() throws Exception {
        registry.on("/heartbeat", new FakeRegistry.Reply(200, FakeRegistry.leaseJson(lease)),
            FakeRegistry.error(409, "LEASE_LOST", "the lease expired"));
        AtomicBoolean stopped = new AtomicBoolean();
        Lease shortLease = new Lease(lease.build(), lease.lease(), lease.name(), lease.version(), 1,
            OffsetDateTime.now().plusNanos(1_500_000_000L), lease.sources(), lease.sourceDigest());
        try (Heartbeat h = new Heartbeat(client, shortLease, log::add, () -> stopped.set(true))) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!h.lost() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(h.lost()).isTrue();
        }
        assertThat(stopped).isTrue();
        assertThat(registry.seen("/heartbeat")).hasSizeGreaterThanOrEqualTo(2);
    }
}
