package dev.ebpm.compiler.worker;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.http.RegistryCallException;
import dev.ebpm.format.http.RegistryHttpClient;
import dev.ebpm.format.json.JsonFields;
import dev.ebpm.format.provenance.BuildEnvironment;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The worker side of the registry's {@code /api/v1/worker} endpoints. A lease or heartbeat is asked once
 * (the loop and the heartbeat schedule ask again); the reports of a finished build (log, success, failure)
 * are retried with {@link Backoff} while the registry cannot answer, and are safe to repeat: the registry
 * accepts a report again from the lease that finished the build, and a numbered log chunk only once.
 */
public final class RegistryClient {
    public static final String LEASE_HEADER = "Ebpm-Lease";
    public static final String LOG_SEQUENCE_HEADER = "Ebpm-Log-Sequence";
    public static final String ENVIRONMENT_HEADER = "Ebpm-Build-Environment";
    /** Sources are capped by the registry at a few MiB; the package it is sent back as, likewise. */
    private static final long MAX_BODY = 64L << 20;

    private final RegistryHttpClient http;
    private final String token;
    private final Backoff reports;
    private final Consumer<String> log;

    public RegistryClient(URI base, String token, Backoff reports, Consumer<String> log) {
        this.http = new RegistryHttpClient(base, Duration.ofMinutes(2));
        this.token = token;
        this.reports = reports;
        this.log = log;
    }

    public URI base() {
        return http.base();
    }

    /** The next build, or empty when none is waiting. */
    public Optional<Lease> lease(String worker) throws WorkerException {
        RegistryHttpClient.Reply r = send(request("/api/v1/worker/lease?worker=" + RegistryHttpClient.query(worker))
            .POST(HttpRequest.BodyPublishers.noBody()), "POST /api/v1/worker/lease");
        return r.status() == 204 ? Optional.empty() : Optional.of(lease(r));
    }

    public Lease heartbeat(Lease l) throws WorkerException {
        return lease(send(leased(l, "heartbeat").POST(HttpRequest.BodyPublishers.noBody()), "heartbeat"));
    }

    public byte[] sources(Lease l) throws WorkerException {
        return retried(() -> request(l.sources()).header(LEASE_HEADER, l.lease().toString()).GET(),
            "GET " + l.sources()).body();
    }

    /** Appends chunk {@code sequence} (1, 2, ... per lease) of the build's log. */
    public void log(Lease l, int sequence, String text) throws WorkerException {
        retried(() -> leased(l, "log").header(LOG_SEQUENCE_HEADER, Integer.toString(sequence))
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), "the log of build " + l.build());
    }

    /** The package, with where it was built ({@value #ENVIRONMENT_HEADER}: base64 JSON), which the hub attests. */
    /** What a build's success report carries: an .ebpm package, or a wasm module ({@code application/wasm}). */
    public static final String PACKAGE_TYPE = "application/vnd.ebpm.package.v1+tar";

    public void success(Lease l, byte[] built, String contentType, BuildEnvironment environment)
        throws WorkerException {
        String env = Base64.getEncoder().encodeToString(environment.toBytes());
        retried(() -> leased(l, "success").header("Content-Type", contentType)
            .header(ENVIRONMENT_HEADER, env)
            .POST(HttpRequest.BodyPublishers.ofByteArray(built)), "the result of build " + l.build());
    }

    public void failure(Lease l, String logText) throws WorkerException {
        retried(() -> leased(l, "failure").POST(HttpRequest.BodyPublishers.ofString(logText, StandardCharsets.UTF_8)),
            "the failure of build " + l.build());
    }

    private interface RequestMaker {
        HttpRequest.Builder make();
    }

    /** Sends until the registry answers (success or a definite refusal) or the backoff gives up. */
    private RegistryHttpClient.Reply retried(RequestMaker request, String what) throws WorkerException {
        long deadline = System.nanoTime() + reports.giveUpAfter().toNanos();
        Duration wait = null;
        while (true) {
            try {
                return send(request.make(), what);
            } catch (WorkerException e) {
                if (!e.retryable() || System.nanoTime() > deadline) {
                    throw e;
                }
                wait = reports.next(wait);
                log.accept(e.getMessage() + "; retrying in " + wait.toMillis() + " ms");
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new WorkerException("interrupted while reporting " + what, 0, false);
                }
            }
        }
    }

    private HttpRequest.Builder leased(Lease l, String action) {
        return request("/api/v1/worker/builds/" + l.build() + "/" + action).header(LEASE_HEADER, l.lease().toString());
    }

    private HttpRequest.Builder request(String path) {
        return http.request(path).header("Authorization", "Bearer " + token);
    }

    private RegistryHttpClient.Reply send(HttpRequest.Builder request, String what) throws WorkerException {
        try {
            return http.send(request.build(), MAX_BODY, done -> { }).requireOk();
        } catch (RegistryCallException e) {
            throw new WorkerException(what + ": " + e.getMessage(), e.status(), e.retryable());
        }
    }

    private static Lease lease(RegistryHttpClient.Reply r) throws WorkerException {
        try {
            return Lease.read(JsonFields.of(r.json(), "lease"));
        } catch (RegistryCallException | PackageFormatException e) {
            throw new WorkerException("the registry sent an unreadable lease: " + e.getMessage(), r.status(), false);
        }
    }
}
