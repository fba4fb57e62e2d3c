package dev.ebpm.ecli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.http.ApiError;
import dev.ebpm.format.http.RegistryCallException;
import dev.ebpm.format.http.RegistryHttpClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * One registry, as ecli uses it. Pulls use the OCI API and send the token (as Basic auth) only when the
 * registry asks for one; writes use the REST API with the token as a Bearer. Every failure becomes one
 * line with the exit code that says what kind it is ({@link #failure}).
 */
public final class RegistryClient {
    /** Larger blobs are refused: an ebpm package is a few hundred KiB. */
    public static final long MAX_BLOB = 64L << 20;
    private static final long MAX_JSON = 16L << 20;
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

    private final RegistryHttpClient http;
    private final Optional<String> token;
    private final Progress progress;

    public RegistryClient(URI base, Optional<String> token, Progress progress) {
        this.http = new RegistryHttpClient(base, Duration.ofMinutes(2));
        this.token = token;
        this.progress = progress;
    }

    public URI base() {
        return http.base();
    }

    /** A manifest and the digest of its bytes (checked against the registry's Docker-Content-Digest). */
    public record Fetched(byte[] bytes, Digest digest) {
    }

    public Fetched manifest(String name, String reference) {
        String what = "the manifest of " + name + ":" + reference;
        RegistryHttpClient.Reply r = get("/v2/" + name + "/manifests/" + reference, MAX_BLOB, null, what,
            MANIFEST_TYPES + ", " + INDEX_TYPE);
        if (!r.ok()) {
            throw failure(new RegistryCallException(r.error()), what);
        }
        String header = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (header != null && !header.equals(r.digest().toString())) {
            throw new EcliException(ExitCodes.INTEGRITY, "the registry says " + what + " is " + header + " but sent "
                + r.digest());
        }
        return new Fetched(r.body(), r.digest());
    }

    /** A blob, checked against its digest and size as it arrives. */
    public byte[] blob(String name, Digest digest, long size, String label) {
        if (size > MAX_BLOB) {
            throw EcliException.failed(label + " is " + size + " bytes; ecli refuses blobs over " + MAX_BLOB);
        }
        RegistryHttpClient.Reply r = pull("/v2/" + name + "/blobs/" + digest, size, size, label);
        if (r.body().length != size || !r.digest().equals(digest)) {
            throw new EcliException(ExitCodes.INTEGRITY, label + " from " + base() + " is not " + digest
                + " (digest mismatch: the download was altered or cut)");
        }
        return r.body();
    }

    /**
     * A manifest or blob that may legitimately be missing (a signature tag, a referrers list): null on 404,
     * and, for {@code referrers}, on a registry without the referrers API.
     */
    public RegistryHttpClient.Reply optional(String path, long max, String what) {
        return optional(path, max, what, MANIFEST_TYPES);
    }

    /** {@link #optional(String, long, String)} for other kinds of answer: an index, JSON. */
    public RegistryHttpClient.Reply optional(String path, long max, String what, String accept) {
        RegistryHttpClient.Reply r = get(path, max, null, what, accept);
        if (r.status() == 404) {
            return null;
        }
        if (!r.ok()) {
            throw failure(new RegistryCallException(r.error()), what);
        }
        return r;
    }

    /**
     * Pushes a blob the way every registry accepts (the spec's POST-then-PUT monolithic upload): {@code POST}
     * starts an upload and answers where to send it, the bytes go in one {@code PUT ?digest=}. An existing
     * blob is not sent again.
     */
    public void pushBlob(String name, byte[] blob) {
        Digest digest = Digest.sha256(blob);
        String what = "uploading blob " + digest;
        RegistryHttpClient.Reply head = send(write(http.request("/v2/" + name + "/blobs/" + digest)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())), 0, null, "blob " + digest);
        if (head.ok()) {
            return;
        }
        RegistryHttpClient.Reply started = send(write(http.request("/v2/" + name + "/blobs/uploads/")
            .POST(HttpRequest.BodyPublishers.noBody())), MAX_JSON, null, what);
        ok(started, what);
        String location = started.headers().firstValue("Location").orElseThrow(() ->
            EcliException.failed(base() + " started an upload without saying where to send it (no Location)"));
        URI target = base().resolve(location);
        String sep = target.getRawQuery() == null ? "?" : "&";
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(target + sep + "digest=" + digest))
            .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(blob));
        if (target.getAuthority().equals(base().getAuthority())) {
            put = withBasicAuth(put); // never to another host (a presigned URL, say)
        }
        ok(send(put.build(), MAX_JSON, null, what), what);
    }

    private HttpRequest.Builder withBasicAuth(HttpRequest.Builder req) {
        token.ifPresent(t -> req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ebpm:" + t)
            .getBytes(StandardCharsets.UTF_8))));
        return req;
    }

    public void pushManifest(String name, String reference, byte[] manifest) {
        String what = "pushing the manifest " + name + ":" + reference;
        String type = OciIndex.isIndex(manifest) ? INDEX_TYPE : MANIFEST_TYPES;
        ok(send(write(http.request("/v2/" + name + "/manifests/" + reference).header("Content-Type", type)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))), MAX_JSON, null, what), what);
    }

    /** OCI writes carry the token as the Basic password, which registries (ours, distribution) expect. */
    private HttpRequest write(HttpRequest.Builder req) {
        return withBasicAuth(req).build();
    }

    private void ok(RegistryHttpClient.Reply r, String what) {
        if (!r.ok()) {
            throw failure(new RegistryCallException(r.error()), what);
        }
    }

    /** Bytes from the REST API (a build's sources), capped. */
    public byte[] getBytes(String path, long max) {
        try {
            return send(rest(path).GET().build(), max, null, path).requireOk().body();
        } catch (RegistryCallException e) {
            throw failure(e, path);
        }
    }

    /** Whether the registry still serves a manifest it once served. */
    public enum Standing { LIVE, REMOVED, UNKNOWN }

    /**
     * Asks whether {@code name}'s manifest {@code digest} is still served: {@link Standing#REMOVED} throws
     * the registry's message as a {@link RemovedException}; no answer or any other error is
     * {@link Standing#UNKNOWN}, since a cached copy may run without its registry.
     */
    public Standing standing(String name, Digest digest) {
        try {
            RegistryHttpClient.Reply r = get("/v2/" + name + "/manifests/" + digest, MAX_BLOB, null,
                "the manifest " + digest, MANIFEST_TYPES);
            if (r.status() == 410) {
                throw removed(r.error());
            }
            return r.ok() ? Standing.LIVE : Standing.UNKNOWN;
        } catch (EcliException e) {
            if (e instanceof RemovedException) {
                throw e;
            }
            return Standing.UNKNOWN;
        }
    }

    private RegistryHttpClient.Reply pull(String path, long max, Long expected, String what) {
        RegistryHttpClient.Reply r = get(path, max, expected, what, MANIFEST_TYPES);
        if (!r.ok()) {
            throw failure(new RegistryCallException(r.error()), what);
        }
        return r;
    }

    /** A GET sent anonymously, and again with the token when the registry asks for one (401). */
    private RegistryHttpClient.Reply get(String path, long max, Long expected, String what, String accept) {
        RegistryHttpClient.Reply r = send(http.request(path).header("Accept", accept).GET().build(), max, expected,
            what);
        if (r.status() == 401 && token.isPresent()) {
            r = send(withBasicAuth(http.request(path).header("Accept", accept).GET()).build(), max, expected, what);
        }
        return r;
    }

    public JsonNode getJson(String path) {
        return json(rest(path).GET(), path);
    }

    public JsonNode putJson(String path, byte[] body, String contentType) {
        return json(rest(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
            path);
    }

    public JsonNode postJson(String path, byte[] body, String contentType) {
        return json(rest(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            path);
    }

    /** GET with a token that is not stored yet: for {@code ecli login}, which checks it first. */
    public JsonNode whoAmI(String candidate) {
        HttpRequest req = http.request("/api/v1/tokens/me").header("Authorization", "Bearer " + candidate).GET().build();
        try {
            return send(req, MAX_JSON, null, "the token").requireOk().json();
        } catch (RegistryCallException e) {
            throw failure(e, "the token");
        }
    }

    public static String query(String s) {
        return RegistryHttpClient.query(s);
    }

    private HttpRequest.Builder rest(String path) {
        HttpRequest.Builder req = http.request(path);
        token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
        return req;
    }

    private JsonNode json(HttpRequest.Builder req, String path) {
        HttpRequest built = req.build();
        String what = built.method() + " " + path;
        try {
            return send(built, MAX_JSON, null, what).requireOk().json();
        } catch (RegistryCallException e) {
            throw failure(e, what);
        }
    }

    private RegistryHttpClient.Reply send(HttpRequest req, long max, Long expected, String what) {
        try {
            RegistryHttpClient.Reply r = http.send(req, max, done -> {
                if (expected != null) {
                    progress.bytes("pulling " + what, done, expected);
                }
            });
            progress.done();
            return r;
        } catch (RegistryCallException e) {
            progress.done();
            throw failure(e, what);
        }
    }

    /** A failed call as one line, with the exit code for its kind. */
    public EcliException failure(RegistryCallException e, String what) {
        URI base = base();
        return switch (e.kind()) {
            case UNREACHABLE -> new EcliException(ExitCodes.UNREACHABLE, e.getMessage()
                + (e.getMessage().contains("refused") ? "; --registry or ECLI_REGISTRY choose another" : ""));
            case CUT -> new EcliException(ExitCodes.UNREACHABLE, what + " from " + base + ": " + e.getMessage());
            case TOO_LARGE -> new EcliException(ExitCodes.INTEGRITY, what + " from " + base + ": " + e.getMessage());
            case UNREADABLE -> EcliException.failed(base + " gave an unreadable answer to " + what + ": "
                + e.getMessage());
            case ERROR -> failure(e.error(), what);
        };
    }

    private EcliException failure(ApiError error, String what) {
        URI base = base();
        String detail = error.describe();
        int status = error.status();
        if (status == 404) {
            return new EcliException(ExitCodes.NOT_FOUND, detail + " (at " + base + ")");
        }
        if (status == 401) {
            return new EcliException(ExitCodes.AUTH, base + " needs a token for this: " + detail + "; run 'ecli login "
                + base + "'");
        }
        if (status == 403) {
            return new EcliException(ExitCodes.AUTH, base + " refused: " + detail);
        }
        if (status == 410) {
            return removed(error);
        }
        if (status == 429) {
            return EcliException.failed(base + " is rate-limiting this token: " + detail);
        }
        if (error.transientFailure()) {
            return new EcliException(ExitCodes.UNREACHABLE, base + " is unavailable for now (" + detail + "); try "
                + "again" + (error.retryAfterSeconds() > 0 ? " in " + error.retryAfterSeconds() + " s" : " later"));
        }
        return status >= 500 ? EcliException.failed(base + " failed on " + what + ": " + detail)
            : EcliException.failed(detail);
    }

    private RemovedException removed(ApiError error) {
        return new RemovedException(error.describe() + " (" + base() + ")");
    }
}
