package dev.ebpm.format.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.io.CappedReader;
import dev.ebpm.format.io.SizeLimitException;
import dev.ebpm.format.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The HTTP side of talking to one registry: requests against its base URL, every body read with a cap and
 * hashed while it arrives, and failures as {@link RegistryCallException}s whose messages name the registry
 * and never a Java class.
 */
public class RegistryHttpClient {
    /** An error body is a one-line envelope; more than this is not read. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public RegistryHttpClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI base() {
        return base;
    }

    /** A request for a path (with its query) under the base URL. */
    public HttpRequest.Builder request(String pathAndQuery) {
        String b = base.toString();
        return HttpRequest.newBuilder(URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
            + pathAndQuery)).timeout(timeout);
    }

    /** A value for a query string. */
    public static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An answer: status, headers, the body (at most the cap) and the body's SHA-256. */
    public record Reply(int status, HttpHeaders headers, byte[] body, Digest digest) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public ApiError error() {
            return ApiError.of(status, headers, body);
        }

        /** This reply when its status is a success, else the registry's error. */
        public Reply requireOk() throws RegistryCallException {
            if (!ok()) {
                throw new RegistryCallException(error());
            }
            return this;
        }

        /** The body as JSON ({} when empty). */
        public JsonNode json() throws RegistryCallException {
            if (body.length == 0) {
                return Json.object();
            }
            try {
                return Json.parse(body);
            } catch (PackageFormatException e) {
                throw new RegistryCallException(RegistryCallException.Kind.UNREADABLE, "the answer is not JSON: "
                    + e.getMessage());
            }
        }
    }

    /**
     * Sends a request and reads its answer: a success body of at most {@code maxBody} bytes (more is
     * {@link RegistryCallException.Kind#TOO_LARGE}), reported to {@code progress} as it arrives; an error body
     * only as far as its envelope needs.
     */
    public Reply send(HttpRequest request, long maxBody, LongConsumer progress) throws RegistryCallException {
        HttpResponse<InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw unreachable("connection refused: is it running?");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? "the connection failed" : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        boolean ok = r.statusCode() >= 200 && r.statusCode() < 300;
        try (InputStream in = r.body()) {
            if (!ok) {
                byte[] body = in.readNBytes(MAX_ERROR_BODY);
                return new Reply(r.statusCode(), r.headers(), body, Digest.sha256(body));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CappedReader.Copied copied = CappedReader.copy(in, out, maxBody, progress);
            return new Reply(r.statusCode(), r.headers(), out.toByteArray(), copied.digest());
        } catch (SizeLimitException e) {
            throw new RegistryCallException(RegistryCallException.Kind.TOO_LARGE, "the answer is larger than the "
                + e.limit() + " bytes expected");
        } catch (IOException e) {
            throw new RegistryCallException(RegistryCallException.Kind.CUT, "the answer was cut short ("
                + (e.getMessage() == null ? "the connection closed" : e.getMessage()) + ")");
        }
    }

    private RegistryCallException unreachable(String why) {
        return new RegistryCallException(RegistryCallException.Kind.UNREACHABLE, "cannot reach the registry at "
            + base + " (" + why + ")");
    }
}
