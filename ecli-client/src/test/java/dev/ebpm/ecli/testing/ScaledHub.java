package dev.ebpm.ecli.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub scaled out as users run it: {@code scripts/hub.sh start --replicas N --workers M} (replicas behind
 * HAProxy, workers leasing through it) on its own port, state directory, database and bucket, so it runs
 * beside a developer's hub and leaves nothing of theirs changed.
 */
public final class ScaledHub implements AutoCloseable {
    public static final int PORT = 18480;
    private static final Path RUN = Path.of("target/scale-run").toAbsolutePath();

    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int replicas;

    private ScaledHub(int replicas, Map<String, String> extra) {
        this.replicas = replicas;
        env.put("EBPM_RUN_DIR", RUN.toString());
        env.put("EBPM_PORT", Integer.toString(PORT));
        env.put("EBPM_DATABASE", "ebpm_scale");
        env.put("EBPM_STORAGE_BUCKET", "ebpm-scale");
        // Its own S3 server, so a test may stop it without touching the one other tests and users share.
        env.put("EBPM_STATE_DIR", RUN.resolve("services").toString());
        env.put("EBPM_S3_PORT", "19000");
        env.put("EBPM_S3_DATA", RUN.resolve("s3").toString());
        env.putAll(extra);
    }

    public static ScaledHub start(int replicas, int workers, Map<String, String> extra) throws Exception {
        ScaledHub hub = new ScaledHub(replicas, extra);
        hub.script("stop");
        try {
            hub.script("start", "--replicas", Integer.toString(replicas), "--workers", Integer.toString(workers));
        } catch (IllegalStateException e) {
            hub.close(); // what did start stops again
            throw e;
        }
        return hub;
    }

    /** Runs scripts/hub.sh with this hub's environment; fails the test when it fails. */
    public String script(String... args) throws IOException, InterruptedException {
        return run("scripts/hub.sh", args);
    }

    /** Runs scripts/services.sh (PostgreSQL and this hub's S3 server) with this hub's environment. */
    public String services(String... args) throws IOException, InterruptedException {
        return run("scripts/services.sh", args);
    }

    /** Stops or starts the machine's PostgreSQL cluster, as an operator restarting it would. */
    public static void postgres(String action) throws IOException, InterruptedException {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(v -> v.getFileName().toString()).max(java.util.Comparator.comparingInt(
                Integer::parseInt)).orElseThrow();
        }
        Process p = new ProcessBuilder("pg_ctlcluster", version, "main", action).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster " + version + " main " + action + " failed");
        }
    }

    private String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TestPackages.ROOT.resolve(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(script + " " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** Through HAProxy. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + PORT);
    }

    /** Replica K (1-based) directly. */
    public URI replica(int k) {
        if (k < 1 || k > replicas) {
            throw new IllegalArgumentException("no replica " + k);
        }
        return URI.create("http://127.0.0.1:" + (PORT + k));
    }

    public String adminToken() throws IOException {
        return Files.readString(RUN.resolve("admin-token")).strip();
    }

    public Path runDir() {
        return RUN;
    }

    public HttpResponse<byte[]> send(URI base, String method, String path, String token, byte[] body,
                                     String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers
                .ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Stops what it started: the replicas, HAProxy, the workers and its own S3 server. */
    @Override
    public void close() throws Exception {
        try {
            script("stop");
        } finally {
            services("stop");
        }
    }
}
