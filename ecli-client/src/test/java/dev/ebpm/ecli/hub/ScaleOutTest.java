package dev.ebpm.ecli.hub;

import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.ScaledHub;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two registry replicas behind HAProxy with two workers, on the real PostgreSQL and S3 server, started by the
 * script users run: what one replica changes the other serves within a second (its tag cache lives ten
 * minutes here, so only the replicas' notices can explain it), builds run once each, and a replica killed
 * under load costs only the requests it was answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {
    private static final String ACCEPT_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** Names unique to this run: the scale-out database outlives it. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private ScaledHub hub;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        // Leases of 3 s, so a killed worker's build is leased again quickly; 100 writes of the 'other' kind
        // (tag moves, yanks, tokens) per token, one more per minute, so a test can empty a token's bucket.
        hub = ScaledHub.start(2, 2, Map.of("EBPM_CACHE_TAG_TTL", "10m", "EBPM_BUILDS_LEASE_SECONDS", "3",
            "EBPM_RATE_LIMIT_OTHER_BURST", "100", "EBPM_RATE_LIMIT_OTHER_REFILL_SECONDS", "60"));
        admin = hub.adminToken();
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private HttpResponse<byte[]> send(URI base, String method, String path, String body) throws Exception {
        return hub.send(base, method, path, admin, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
            body == null ? null : "application/json");
    }

    private void publish(String name, String version) throws Exception {
        byte[] pkg = Files.readAllBytes(TestPackages.example("sigsnoop"));
        HttpResponse<byte[]> r = hub.send(hub.replica(1), "PUT", "/api/v1/packages/" + name + "/-/versions/"
            + version, admin, pkg, "application/json");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    }

    private String digestOn(URI base, String name, String reference) throws Exception {
        HttpResponse<byte[]> r = hub.send(base, "GET", "/v2/" + name + "/manifests/" + reference, admin, null, null);
        return r.statusCode() == 200 ? r.headers().firstValue("Docker-Content-Digest").orElse("") : "status "
            + r.statusCode();
    }

    /** How long until {@code check} holds, polling every 10 ms for at most 10 s. */
    private static long millisUntil(Check check) throws Exception {
        long start = System.nanoTime();
        while (!check.holds()) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                return Long.MAX_VALUE;
            }
            Thread.sleep(10);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    @Test
    @Order(1)
    void aTagMovedThroughOneReplicaResolvesToTheNewDigestOnTheOtherWithinASecond() throws Exception {
        String name = "scale/tags-" + run;
        publish(name, "1.0.0");
        // Another version with other bytes: sigsnoop with its version changed by the registry is enough.
        publish(name, "2.0.0");
        String one = digestOn(hub.replica(1), name, "1.0.0");
        String two = digestOn(hub.replica(1), name, "2.0.0");
        assertThat(one).startsWith("sha256:").isNotEqualTo(two);
        assertThat(send(hub.replica(1), "PUT", "/api/v1/packages/" + name + "/-/tags/stable",
            "{\"version\":\"1.0.0\"}").statusCode()).isBetween(200, 204);
        assertThat(millisUntil(() -> digestOn(hub.replica(2), name, "stable").equals(one))).isLessThan(1000);
        digestOn(hub.replica(2), name, "stable");
        assertThat(send(hub.replica(1), "PUT", "/api/v1/packages/" + name + "/-/tags/stable",
            "{\"version\":\"2.0.0\"}").statusCode()).isBetween(200, 204);
        long took = millisUntil(() -> digestOn(hub.replica(2), name, "stable").equals(two));
        assertThat(took).as("ms until replica 2 resolves the moved tag").isLessThan(1000);
        // A yank through replica 2 moves latest on replica 1 as quickly.
        assertThat(digestOn(hub.replica(1), name, "latest")).isEqualTo(two);
        assertThat(send(hub.replica(2), "PUT", "/api/v1/packages/" + name + "/-/versions/2.0.0/yank",
            "{\"reason\":\"scale-out test\"}").statusCode()).isBetween(200, 204);
        assertThat(millisUntil(() -> digestOn(hub.replica(1), name, "latest").equals(one))).isLessThan(1000);
    }

    @Test
    @Order(2)
    void aTokenRevokedOnOneReplicaIsRefusedByTheOtherWithinASecond() throws Exception {
        String[] made = newToken("scale");
        String secret = made[0];
        assertThat(hub.send(hub.replica(2), "GET", "/api/v1/tokens/me", secret, null, null).statusCode())
            .isEqualTo(200);
        assertThat(send(hub.replica(1), "DELETE", "/api/v1/tokens/" + made[1], null).statusCode())
            .isBetween(200, 204);
        assertThat(millisUntil(() -> hub.send(hub.replica(2), "GET", "/api/v1/tokens/me", secret, null, null)
            .statusCode() == 401)).isLessThan(1000);
    }

    /** A directory for ecli's config and cache, and the environment that points ecli at it and at the hub. */
    private record EcliHome(Path dir, Map<String, String> env) {
    }

    /** An ecli home logged in to the hub through HAProxy. */
    private EcliHome ecliHome() throws Exception {
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "scale-home");
        Map<String, String> env = new HashMap<>(Map.of("ECLI_REGISTRY", hub.url().toString(), "XDG_CONFIG_HOME",
            home.resolve("config").toString(), "XDG_CACHE_HOME", home.resolve("cache").toString()));
        EcliProcess login = EcliProcess.runWithEnv(60, env, "login", "--token", admin);
        assertThat(login.exitCode()).as(login.errText()).isZero();
        return new EcliHome(home, env);
    }

    /** Pushes execsnoop's sources, made unique by a comment, as NAME:1.0.0; the hub builds them. */
    private EcliProcess startPush(EcliHome home, String name) throws Exception {
        Path dir = Files.createDirectories(home.dir().resolve(name.replace('/', '-')));
        for (String f : List.of("execsnoop.bpf.c", "execsnoop.h")) {
            Files.copy(TestPackages.ROOT.resolve("examples/execsnoop").resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("execsnoop.bpf.c"), "\n// " + name + "\n", StandardOpenOption.APPEND);
        return EcliProcess.startWithEnv(home.env(), "push", dir.toString(), name + ":1.0.0");
    }

    private static final Pattern BUILD_ID = Pattern.compile("build ([0-9a-f-]{36})");

    private String build(String id) throws Exception {
        return new String(send(hub.url(), "GET", "/api/v1/builds/" + id, null).body(), StandardCharsets.UTF_8);
    }

    /**
     * The build a running push announced, once a worker holds its lease; the worker's number in hub.sh (from
     * the build log's "-- attempt 1 on HOST-K", a JSON string in which a newline is the two characters \n).
     */
    private String[] leasedBuild(EcliProcess push) throws Exception {
        String[] found = new String[2];
        long took = millisUntil(() -> {
            Matcher id = BUILD_ID.matcher(push.errText());
            if (found[0] == null && id.find()) {
                found[0] = id.group(1);
            }
            if (found[0] == null) {
                return false;
            }
            Matcher worker = Pattern.compile("-- attempt 1 on [^\\s\\\\]+-(\\d+)\\\\n").matcher(build(found[0]));
            if (worker.find()) {
                found[1] = worker.group(1);
                return true;
            }
            return false;
        });
        assertThat(took).as("ms until a worker leased the build: " + push.errText()).isLessThan(10_000);
        assertThat(build(found[0])).as("the build is still running when the fault comes")
            .contains("\"state\":\"running\"");
        return found;
    }

    @Test
    @Order(4)
    void buildsLeasedThroughBothReplicasRunOnceEach() throws Exception {
        EcliHome home = ecliHome();
        List<EcliProcess> pushes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pushes.add(startPush(home, "scale/build-" + run + "-" + i));
        }
        List<String> ids = new ArrayList<>();
        for (EcliProcess push : pushes) {
            assertThat(push.waitFor(240)).as(push.errText()).isZero();
            Matcher m = BUILD_ID.matcher(push.errText());
            assertThat(m.find()).as(push.errText()).isTrue();
            ids.add(m.group(1));
            push.close();
        }
        for (String id : ids) {
            assertThat(build(id)).contains("\"state\":\"succeeded\"", "\"attempts\":1");
        }
    }

    /** The worker holding a lease dies: the lease expires (3 s here) and the other worker builds it, once. */
    @Test
    @Order(41)
    void aWorkerKilledMidBuildHasTheBuildLeasedAgainByAnother() throws Exception {
        String[] killed = new String[1];
        String build = buildThrough("scale/orphan-" + run, worker -> {
            killed[0] = worker;
            hub.script("kill-worker", worker);
        });
        assertThat(build).contains("\"state\":\"succeeded\"", "\"attempts\":2",
            "the previous worker's lease expired; attempt 2 on ");
        Matcher second = Pattern.compile("attempt 2 on [^\\s\\\\]+-(\\d+)\\\\n").matcher(build);
        assertThat(second.find()).as(build).isTrue();
        assertThat(second.group(1)).as("the worker that built it the second time").isNotEqualTo(killed[0]);
        assertThat(send(hub.url(), "GET", "/api/v1/packages/scale/orphan-" + run + "/-/versions/1.0.0", null)
            .statusCode()).isEqualTo(200);
    }

    /** Something goes wrong while a build runs, given the number of the worker holding its lease. */
    private interface Fault {
        void strike(String worker) throws Exception;
    }

    /**
     * Pushes sources as {@code name}, strikes once a worker holds the lease, waits for the push to end and
     * returns the build as the API shows it; then starts what the fault stopped.
     */
    private String buildThrough(String name, Fault fault) throws Exception {
        try (EcliProcess push = startPush(ecliHome(), name)) {
            String[] leased = leasedBuild(push);
            fault.strike(leased[1]);
            assertThat(push.waitFor(120)).as(push.errText()).isZero();
            return build(leased[0]);
        } finally {
            hub.script("start");
        }
    }

    /**
     * A replica dies while a worker builds through HAProxy: the lease lives in PostgreSQL, so the heartbeats
     * and the result reach the other replica and the build succeeds at its first attempt.
     */
    @Test
    @Order(42)
    void aReplicaKilledWhileABuildRunsChangesNothingForTheBuild() throws Exception {
        assertThat(buildThrough("scale/steady-" + run, worker -> hub.script("kill-replica", "1")))
            .contains("\"state\":\"succeeded\"", "\"attempts\":1");
        assertThat(millisUntil(() -> hub.send(hub.replica(1), "GET", "/q/health/ready", null, null, null)
            .statusCode() == 200)).isLessThan(30_000);
    }

    /** A new token allowed to publish under scale/, and its id. */
    private String[] newToken(String label) throws Exception {
        HttpResponse<byte[]> made = send(hub.replica(1), "POST", "/api/v1/tokens",
            "{\"name\":\"" + label + " " + run + "\",\"scopes\":[\"publish:scale/*\"]}");
        String json = new String(made.body(), StandardCharsets.UTF_8);
        Matcher token = Pattern.compile("\"token\":\"(ebpm_[A-Za-z0-9]+)\"").matcher(json);
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        assertThat(token.find() && id.find()).as(json).isTrue();
        return new String[] {token.group(1), id.group(1)};
    }

    /**
     * One token's bucket is one row in PostgreSQL, not one per replica: writes spread over both replicas stop
     * at the burst, and then both refuse.
     */
    @Test
    @Order(3)
    void aTokensRateLimitHoldsAcrossReplicas() throws Exception {
        String name = "scale/limits-" + run;
        publish(name, "1.0.0");
        String secret = newToken("limits")[0];
        byte[] move = "{\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        int refusedAt = -1;
        for (int i = 0; i < 250 && refusedAt < 0; i++) {
            HttpResponse<byte[]> r = hub.send(hub.replica(1 + i % 2), "PUT", "/api/v1/packages/" + name
                + "/-/tags/t" + i % 4, secret, move, "application/json");
            if (r.statusCode() == 429) {
                refusedAt = i;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isBetween(200, 204);
                accepted++;
            }
        }
        System.out.printf("scale-out: %d tag moves accepted through two replicas before the first 429%n", accepted);
        // 100 from the burst, and at most one refill if the loop crossed a minute's boundary.
        assertThat(accepted).as("writes accepted across both replicas").isBetween(100, 101);
        for (int k = 1; k <= 2; k++) {
            HttpResponse<byte[]> r = hub.send(hub.replica(k), "PUT", "/api/v1/packages/" + name + "/-/tags/again",
                secret, move, "application/json");
            assertThat(r.statusCode()).as("replica " + k + " once the bucket is empty").isEqualTo(429);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"code\":\"TOOMANYREQUESTS\"");
        }
    }

    @Test
    @Order(3)
    void aChunkedOciUploadMayContinueOnAnotherReplica() throws Exception {
        String name = "scale/upload-" + run;
        byte[] first = ("first half " + run).getBytes(StandardCharsets.UTF_8);
        byte[] second = ("second half " + run).getBytes(StandardCharsets.UTF_8);
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        Digest digest = Digest.sha256(whole);
        HttpResponse<byte[]> started = hub.send(hub.replica(1), "POST", "/v2/" + name + "/blobs/uploads/", admin,
            null, null);
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> patched = hub.send(hub.replica(2), "PATCH", location, admin, first,
            "application/octet-stream");
        assertThat(patched.statusCode()).as(new String(patched.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String next = patched.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> done = hub.send(hub.replica(1), "PUT", next + (next.contains("?") ? "&" : "?")
            + "digest=" + digest, admin, second, "application/octet-stream");
        assertThat(done.statusCode()).as(new String(done.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        HttpResponse<byte[]> blob = hub.send(hub.replica(2), "GET", "/v2/" + name + "/blobs/" + digest, admin, null,
            null);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(whole);
    }

    @Test
    @Order(5)
    void aReplicaKilledUnderLoadCostsOnlyItsInFlightRequestsAndRejoins() throws Exception {
        String name = "scale/load-" + run;
        publish(name, "1.0.0");
        String digest = digestOn(hub.url(), name, "1.0.0");
        Digest expected = Digest.parse(digest);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicLong lastFailure = new AtomicLong();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < stopAt) {
                    try {
                        HttpResponse<byte[]> r = hub.send(hub.url(), "GET", "/v2/" + name + "/manifests/1.0.0", null,
                            null, null);
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                            lastFailure.set(System.nanoTime());
                        } else if (!expected.matches(r.body())) {
                            wrong.incrementAndGet();
                        } else {
                            ok.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        lastFailure.set(System.nanoTime());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(2000);
        int beforeKill = ok.get();
        long killedAt = System.nanoTime();
        hub.script("kill-replica", "2");
        for (Future<?> f : clients) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int afterKill = ok.get() - beforeKill;
        System.out.printf("scale-out: %d answered before the kill, %d after, %d failed (in flight on the killed "
            + "replica), %d wrong%n", beforeKill, afterKill, failed.get(), wrong.get());
        assertThat(wrong.get()).as("responses with other bytes than the digest").isZero();
        // At most one request in flight per connection on the killed replica, and (what the JDK client shows
        // when HAProxy closes a connection the dead replica held) one more per connection: 2 x 64.
        assertThat(failed.get()).as("failed requests: at most those in flight").isLessThanOrEqualTo(128);
        assertThat(afterKill).as("answered after the kill").isGreaterThan(100);
        if (failed.get() > 0) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(lastFailure.get() - killedAt))
                .as("ms after the kill of the last failure").isLessThan(2000);
        }
        // The survivor keeps taking builds' and publishers' writes; the killed one comes back with a plain start.
        publish(name, "1.0.1");
        hub.script("start");
        assertThat(digestOn(hub.replica(2), name, "1.0.1")).startsWith("sha256:");
    }

    @Test
    @Order(6)
    void aPostgresRestartIsA503WithRetryAfterAndNoReplicaNeedsRestarting() throws Exception {
        String name = "scale/pg-" + run;
        publish(name, "1.0.0");
        publish(name, "2.0.0");
        try {
            ScaledHub.postgres("stop");
            HttpResponse<byte[]> down = null;
            for (int i = 0; i < 100; i++) {
                down = send(hub.url(), "GET", "/api/v1/packages/" + name, null);
                if (down.statusCode() == 503) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(new String(down.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAVAILABLE\"");
        } finally {
            ScaledHub.postgres("start");
        }
        assertThat(millisUntil(() -> send(hub.url(), "GET", "/api/v1/packages/" + name, null).statusCode() == 200))
            .as("ms until the hub answers again").isLessThan(10_000);
        // Both replicas hear each other again (their listeners reconnected): a tag move shows within a second.
        assertThat(millisUntil(() -> hub.send(hub.replica(2), "GET", "/q/health/ready", null, null, null)
            .statusCode() == 200)).isLessThan(10_000);
        digestOn(hub.replica(2), name, "stable");
        assertThat(send(hub.replica(1), "PUT", "/api/v1/packages/" + name + "/-/tags/stable",
            "{\"version\":\"1.0.0\"}").statusCode()).isBetween(200, 204);
        String one = digestOn(hub.replica(1), name, "1.0.0");
        assertThat(millisUntil(() -> digestOn(hub.replica(2), name, "stable").equals(one))).isLessThan(1000);
    }

    @Test
    @Order(7)
    void withTheObjectStoreStoppedPublishesFailClearlyAndLeaveNothingThenSucceed() throws Exception {
        String name = "scale/s3-" + run;
        byte[] pkg = Files.readAllBytes(TestPackages.example("sigsnoop"));
        hub.services("stop");
        try (java.net.Socket s3 = new java.net.Socket("127.0.0.1", 19000)) {
            throw new AssertionError("an S3 server still answers on :19000 after stopping this hub's own (another "
                + "checkout's?); stop it and run again");
        } catch (java.io.IOException expected) {
            // Stopped, as the test needs.
        }
        try {
            HttpResponse<byte[]> refused = hub.send(hub.replica(1), "PUT", "/api/v1/packages/" + name
                + "/-/versions/1.0.0", admin, pkg, "application/json");
            String body = new String(refused.body(), StandardCharsets.UTF_8);
            assertThat(refused.statusCode()).as(body).isEqualTo(503);
            assertThat(body).contains("\"code\":\"UNAVAILABLE\"");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(send(hub.replica(2), "GET", "/api/v1/packages/" + name, null).statusCode()).isEqualTo(404);
        } finally {
            hub.services("start");
        }
        assertThat(millisUntil(() -> hub.send(hub.replica(1), "PUT", "/api/v1/packages/" + name
            + "/-/versions/1.0.0", admin, pkg, "application/json").statusCode() == 201)).isLessThan(10_000);
        assertThat(digestOn(hub.url(), name, "1.0.0")).startsWith("sha256:");
    }
}
