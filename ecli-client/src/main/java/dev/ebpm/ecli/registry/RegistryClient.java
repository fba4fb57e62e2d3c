package dev.ebpm.ecli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * One registry, reached over HTTP. Pulls use the OCI API and send the token (as Basic auth) only when the
 * registry asks for one; writes use the REST API with the token as a Bearer.
 */
public final class RegistryClient {
    /** Larger blobs are refused: an ebpm package is a few hundred KiB. */
    public static final long MAX_BLOB = 64L << 20;
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json";

    private final URI base;
    private final Optional<String> token;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();

    public RegistryClient(URI base, Optional<String> token, Progress progress) {
        this.base = base;
        this.token = token;
        this.progress = progress;
    }

    public URI base() {
        return base;
    }

    /** A manifest and the digest of its bytes (checked against the registry's Docker-Content-Digest). */
    public record Fetched(byte[] bytes, Digest digest) {
    }

    public Fetched manifest(String name, String reference) {
        HttpResponse<InputStream> r = pull("/v2/" + name + "/manifests/" + reference, "manifest of " + name + ":"
            + reference);
        byte[] bytes = readCapped(r, MAX_BLOB, name + ":" + reference, null);
        Digest digest = Digest.sha256(bytes);
        String header = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (header != null && !header.equals(digest.toString())) {
            throw new EcliException(ExitCodes.INTEGRITY, "the registry says the manifest of " + name + ":" + reference
                + " is " + header + " but sent " + digest);
        }
        return new Fetched(bytes, digest);
    }

    /** A blob, checked against its digest and size as it arrives. */
    public byte[] blob(String name, Digest digest, long size, String label) {
        if (size > MAX_BLOB) {
            throw EcliException.failed(label + " is " + size + " bytes; ecli refuses blobs over " + MAX_BLOB);
        }
        HttpResponse<InputStream> r = pull("/v2/" + name + "/blobs/" + digest, label);
        byte[] bytes = readCapped(r, size, label, size);
        if (bytes.length != size || !digest.matches(bytes)) {
            throw new EcliException(ExitCodes.INTEGRITY, label + " from " + base + " is not " + digest
                + " (digest mismatch: the download was altered or cut)");
        }
        return bytes;
    }

    private HttpResponse<InputStream> pull(String path, String what) {
        HttpRequest.Builder req = request(path).header("Accept", MANIFEST_TYPES).GET();
        HttpResponse<InputStream> r = send(req.build());
        if (r.statusCode() == 401 && token.isPresent()) {
            readQuietly(r);
            r = send(request(path).header("Accept", MANIFEST_TYPES)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ebpm:" + token.get())
                    .getBytes(StandardCharsets.UTF_8))).GET().build());
        }
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), errorMessage(readQuietly(r)), what);
        }
        return r;
    }

    public JsonNode getJson(String path) {
        return parse(call(request(path).GET()), path);
    }

    public JsonNode putJson(String path, byte[] body, String contentType) {
        return parse(call(request(path).header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))), path);
    }

    public JsonNode postJson(String path, byte[] body, String contentType) {
        return parse(call(request(path).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))), path);
    }

    /** GET with the token: for {@code ecli login}, which checks a token before storing it. */
    public JsonNode whoAmI(String candidate) {
        HttpResponse<InputStream> r = send(request("/api/v1/tokens/me").header("Authorization", "Bearer " + candidate)
            .GET().build());
        byte[] body = readQuietly(r);
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), errorMessage(body), "the token");
        }
        return parse(body, "/api/v1/tokens/me");
    }

    public static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private byte[] call(HttpRequest.Builder req) {
        token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
        HttpRequest built = req.build();
        HttpResponse<InputStream> r = send(built);
        byte[] body = readQuietly(r);
        if (r.statusCode() >= 400) {
            throw failure(r.statusCode(), errorMessage(body), built.method() + " " + built.uri().getPath());
        }
        return body;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
    }

    private HttpResponse<InputStream> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new EcliException(ExitCodes.UNREACHABLE, "cannot reach the registry at " + base
                + " (connection refused: is it running? --registry or ECLI_REGISTRY choose another)");
        } catch (IOException e) {
            throw new EcliException(ExitCodes.UNREACHABLE, "cannot reach the registry at " + base + " ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EcliException.failed("interrupted while talking to " + base);
        }
    }

    private EcliException failure(int status, String message, String what) {
        String detail = message.isBlank() ? "HTTP " + status : message;
        return switch (status) {
            case 404 -> new EcliException(ExitCodes.NOT_FOUND, detail + " (at " + base + ")");
            case 401 -> new EcliException(ExitCodes.AUTH, base + " needs a token for this: " + detail
                + "; run 'ecli login " + base + "'");
            case 403 -> new EcliException(ExitCodes.AUTH, base + " refused: " + detail);
            case 429 -> EcliException.failed(base + " is rate-limiting this token: " + detail);
            default -> status >= 500 ? EcliException.failed(base + " failed on " + what + ": " + detail)
                : EcliException.failed(detail);
        };
    }

    private byte[] readCapped(HttpResponse<InputStream> r, long max, String label, Long expected) {
        try (InputStream in = r.body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw new EcliException(ExitCodes.INTEGRITY, label + " is larger than expected (" + max
                        + " bytes)");
                }
                out.write(buf, 0, n);
                if (expected != null) {
                    progress.bytes("pulling " + label, total, expected);
                }
            }
            progress.done();
            return out.toByteArray();
        } catch (IOException e) {
            progress.done();
            throw new EcliException(ExitCodes.UNREACHABLE, "the download of " + label + " from " + base
                + " was cut (" + e.getMessage() + ")");
        }
    }

    private static byte[] readQuietly(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return in.readNBytes(1 << 20);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode n = Json.parse(body);
            return n.path("errors").path(0).path("message").asText("");
        } catch (PackageFormatException e) {
            return "";
        }
    }

    private static JsonNode parse(byte[] body, String path) {
        if (body.length == 0) {
            return Json.object();
        }
        try {
            return Json.parse(body);
        } catch (PackageFormatException e) {
            throw EcliException.failed("the registry's answer to " + path + " is not JSON: " + e.getMessage());
        }
    }
}
