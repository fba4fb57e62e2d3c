package dev.ebpm.compiler.worker;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The worker side of the registry's {@code /api/v1/worker} endpoints. */
public final class RegistryClient {
    private static final String LEASE_HEADER = "Ebpm-Lease";

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RegistryClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The next build, or empty when none is waiting. */
    public Optional<Lease> lease(String worker) throws WorkerException {
        HttpResponse<byte[]> r = send(request("/api/v1/worker/lease?worker=" + worker.replaceAll("[^A-Za-z0-9._-]", "_"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(Lease.read(json(r)));
    }

    public Lease heartbeat(Lease l) throws WorkerException {
        return Lease.read(json(send(request(path(l, "heartbeat")).header(LEASE_HEADER, l.lease().toString())
            .POST(HttpRequest.BodyPublishers.noBody()))));
    }

    public byte[] sources(Lease l) throws WorkerException {
        return send(request(l.sources()).header(LEASE_HEADER, l.lease().toString()).GET()).body();
    }

    public void log(Lease l, String text) throws WorkerException {
        send(request(path(l, "log")).header(LEASE_HEADER, l.lease().toString())
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    public void success(Lease l, byte[] packageFile) throws WorkerException {
        send(request(path(l, "success")).header(LEASE_HEADER, l.lease().toString())
            .header("Content-Type", "application/vnd.ebpm.package.v1+tar")
            .POST(HttpRequest.BodyPublishers.ofByteArray(packageFile)));
    }

    public void failure(Lease l, String log) throws WorkerException {
        send(request(path(l, "failure")).header(LEASE_HEADER, l.lease().toString())
            .POST(HttpRequest.BodyPublishers.ofString(log, StandardCharsets.UTF_8)));
    }

    private static String path(Lease l, String action) {
        return "/api/v1/worker/builds/" + l.build() + "/" + action;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws WorkerException {
        HttpRequest req = request.build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new WorkerException("cannot reach the registry at " + base + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException("interrupted", 0);
        }
        if (r.statusCode() >= 400) {
            throw new WorkerException(req.method() + " " + req.uri().getPath() + ": " + r.statusCode() + " "
                + errorMessage(r.body()), r.statusCode());
        }
        return r;
    }

    private static JsonFields json(HttpResponse<byte[]> r) throws WorkerException {
        try {
            return JsonFields.of(Json.parse(r.body()), "lease");
        } catch (PackageFormatException e) {
            throw new WorkerException("the registry sent an unreadable answer: " + e.getMessage(), r.statusCode());
        }
    }

    private static String errorMessage(byte[] body) {
        try {
            return Json.parse(body).path("errors").path(0).path("message").asText("");
        } catch (PackageFormatException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
