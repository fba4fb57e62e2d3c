package dev.ebpm.ecli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub as users run it, for end-to-end tests: the real PostgreSQL and S3 server (scripts/services.sh),
 * a registry-server process from its built jar (database ebpm_e2e, emptied at start; leases of 3 s), and
 * compile worker processes (bin/ebpm-worker, sandboxed), each with their own logs under target/e2e.
 */
public final class HubStack implements AutoCloseable {
    public static final String ADMIN = "ebpm_e2e_admin_0123456789abcdef";
    private static final Path ROOT = TestPackages.ROOT;
    private static final Path DIR = Path.of("target/e2e").toAbsolutePath();

    private final Path jar;
    private final int port;
    private final URI url;
    private Process registry;
    private final List<Process> workers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String workerToken;
    private int workerCount;

    private HubStack(Path jar, int port) {
        this.jar = jar;
        this.port = port;
        this.url = URI.create("http://127.0.0.1:" + port);
    }

    public static HubStack start() throws IOException, InterruptedException {
        Path jar = ROOT.resolve("registry-server/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build registry-server first (mvn -B package)");
        }
        run(List.of(ROOT.resolve("scripts/services.sh").toString(), "start"));
        Files.createDirectories(DIR);
        Files.deleteIfExists(DIR.resolve("registry.log"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HubStack hub = new HubStack(jar, port);
        hub.launch(true);
        return hub;
    }

    /** Starts the registry process; {@code clean} empties its database first (only the first start). */
    private void launch(boolean clean) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("registry.log")
                .toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/ebpm_e2e");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", Boolean.toString(clean));
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("EBPM_STORAGE_BUCKET", "ebpm-e2e");
        env.put("EBPM_AUTH_ADMIN_TOKEN", ADMIN);
        env.put("EBPM_BUILDS_LEASE_SECONDS", "3");
        env.put("EBPM_JSON_LOGS", "false");
        env.put("EBPM_TRUST_HUB_KEY_FILE", DIR.resolve("hub-key.pem").toString());
        registry = pb.start();
        awaitReady();
    }

    /** Stops the registry process (as an operator restarting it would); workers and clients keep running. */
    public void stopRegistry() throws InterruptedException {
        registry.destroy();
        if (!registry.waitFor(20, TimeUnit.SECONDS)) {
            registry.destroyForcibly().waitFor();
        }
    }

    /** Kills the registry process at once, as a crash or an OOM kill would. */
    public void killRegistry() throws InterruptedException {
        registry.destroyForcibly().waitFor();
    }

    /** Starts the registry again on the same port and database, keeping what it stored. */
    public void restartRegistry() throws IOException, InterruptedException {
        launch(false);
    }

    public URI url() {
        return url;
    }

    /** A fresh token with the given scopes. */
    public String token(String name, String... scopes) {
        String body = "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}";
        String answer = send(HttpRequest.newBuilder(url.resolve("/api/v1/tokens")).header("Authorization",
            "Bearer " + ADMIN).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher m = Pattern.compile("\"token\":\"(ebpm_[A-Za-z0-9]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + answer);
        }
        return m.group(1);
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(url.resolve(path)).GET());
    }

    public String post(String path, byte[] body, String token) {
        return send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public String post(String path, byte[] body, String token, String contentType) {
        return send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public String delete(String path, String body, String token) {
        return send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Starts a worker process; its output goes to target/e2e/worker-N.log. */
    public Process startWorker() throws IOException {
        if (workerToken == null) {
            workerToken = token("e2e workers", "worker");
        }
        int n = ++workerCount;
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/ebpm-worker").toString(), "--registry", url.toString(),
            "--token", workerToken, "--name", "e2e-" + n, "--work-dir", DIR.resolve("worker-" + n).toString(),
            "--poll", "1", "--cpu-seconds", "20", "--memory-mib", "1024", "--timeout-seconds", "60")
            .redirectErrorStream(true).redirectOutput(DIR.resolve("worker-" + n + ".log").toFile());
        // Workers cache vmlinux.h and the toolchain probe here rather than in the user's cache, so a run does
        // not depend on what earlier runs on this machine left there.
        pb.environment().put("XDG_CACHE_HOME", DIR.resolve("worker-cache").toString());
        Process p = pb.start();
        workers.add(p);
        return p;
    }

    public void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
        workers.clear();
    }

    /** Environment for ecli: this registry by default, and private config and cache directories. */
    public Map<String, String> ecliEnv(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("ECLI_REGISTRY", url.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        return env;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!registry.isAlive()) {
                throw new IllegalStateException("registry-server exited; see " + DIR.resolve("registry.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("registry-server not ready after 120 s; see " + DIR.resolve("registry.log"));
    }

    private String send(HttpRequest.Builder req) {
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopWorkers();
        stopRegistry();
    }
}
