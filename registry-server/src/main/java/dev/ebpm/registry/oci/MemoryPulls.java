package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.content.BlobBytes;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.ManifestCache;
import dev.ebpm.registry.content.ManifestView;
import dev.ebpm.registry.download.BlobResponses;
import dev.ebpm.registry.download.Downloads;
import dev.ebpm.registry.http.RoutePatterns;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The hot pulls, answered on the event loop when everything they need is already in memory: a blob of a
 * repository (its membership and bytes remembered) and a manifest by reference ({@link ManifestCache}).
 * Anything else (a first pull, a range, a conditional request, an error) falls through to the JAX-RS
 * resources, which answer the same way and fill the caches; a removed version is forgotten by both caches
 * when its removal commits, so it is never answered from here. Measured: this is what lets a pull cost
 * about as much as a static file (bench/registry/run.sh).
 */
@ApplicationScoped
public class MemoryPulls {
    private static final String NAME = "/v2/(" + RoutePatterns.NAME_SEGMENTS + ")";

    private final BlobService blobs;
    private final BlobBytes bytes;
    private final ManifestCache manifests;
    private final Downloads downloads;
    private final ManifestService service;

    MemoryPulls(BlobService blobs, BlobBytes bytes, ManifestCache manifests, Downloads downloads,
                ManifestService service) {
        this.service = service;
        this.blobs = blobs;
        this.bytes = bytes;
        this.manifests = manifests;
        this.downloads = downloads;
    }

    void routes(@Observes Router router) {
        for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            router.routeWithRegex(m, NAME + "/blobs/(sha256:[0-9a-f]{64})").order(-10).handler(this::blob);
            router.routeWithRegex(m, NAME + "/manifests/([A-Za-z0-9_][A-Za-z0-9._:-]{0,127})").order(-10)
                .handler(this::manifest);
        }
    }

    private static boolean conditional(RoutingContext ctx) {
        return ctx.request().getHeader("Range") != null
            || ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH) != null;
    }

    private void blob(RoutingContext ctx) {
        if (conditional(ctx)) {
            ctx.next();
            return;
        }
        String name = ctx.pathParam("param0");
        Digest digest = new Digest(ctx.pathParam("param1").substring(7));
        Long size = blobs.rememberedSize(name, digest);
        byte[] content = size == null ? null : bytes.cached(digest);
        boolean head = ctx.request().method() == HttpMethod.HEAD;
        if (content == null || !head && !downloads.blobIfKnown(name, digest)) {
            ctx.next();
            return;
        }
        String d = digest.toString();
        HttpServerResponse r = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
            .putHeader("Docker-Content-Digest", d).putHeader(HttpHeaders.ETAG, "\"" + d + "\"")
            .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes").putHeader(HttpHeaders.CACHE_CONTROL, BlobResponses.IMMUTABLE)
            .putHeader("Docker-Distribution-API-Version", "registry/2.0");
        send(r, content, head);
    }

    private void manifest(RoutingContext ctx) {
        if (ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH) != null) {
            ctx.next();
            return;
        }
        String name = ctx.pathParam("param0");
        String reference = ctx.pathParam("param1");
        ManifestView m = manifests.getOrRefresh(name, reference, () -> ctx.vertx().executeBlocking(() -> {
            service.refresh(name, reference);
            return null;
        }, false));
        if (m == null) {
            ctx.next();
            return;
        }
        HttpServerResponse r = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, m.mediaType())
            .putHeader("Docker-Content-Digest", m.digest()).putHeader(HttpHeaders.ETAG, "\"" + m.digest() + "\"")
            .putHeader("Docker-Distribution-API-Version", "registry/2.0");
        send(r, m.content(), ctx.request().method() == HttpMethod.HEAD);
    }

    private static void send(HttpServerResponse r, byte[] body, boolean head) {
        r.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        if (head) {
            r.end();
        } else {
            r.end(Buffer.buffer(body));
        }
    }
}
