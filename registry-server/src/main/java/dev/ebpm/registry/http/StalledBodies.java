package dev.ebpm.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;
import dev.ebpm.registry.error.ErrorCode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * A request whose body stops arriving before its Content-Length (a client that sent part and went quiet)
 * is answered 408 in the error envelope, and logged in one line, once no byte has come for
 * {@code ebpm.http.body-idle-timeout}. The check runs on the event loop, beside the body: the worker
 * thread reading the body cannot answer, because the blocking reader closes the connection itself when it
 * gives up ({@code quarkus.http.read-timeout}, which is kept longer than this idle limit).
 */
@ApplicationScoped
public class StalledBodies {
    private static final Logger LOG = Logger.getLogger(StalledBodies.class);
    private static final long TICK_MILLIS = 250;

    @ConfigMapping(prefix = "ebpm.http")
    public interface Config {
        /** How long a request body may go without a byte before the request is given up. */
        @WithDefault("30s")
        Duration bodyIdleTimeout();
    }

    private final long idleNanos;

    StalledBodies(Config config) {
        this.idleNanos = config.bodyIdleTimeout().toNanos();
    }

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || !hasBody(request)) {
            ctx.next();
            return;
        }
        Vertx vertx = ctx.vertx();
        long[] seen = {request.bytesRead(), System.nanoTime()};
        long timer = vertx.setPeriodic(TICK_MILLIS, id -> {
            HttpServerResponse response = ctx.response();
            if (request.isEnded() || response.ended() || response.closed()) {
                vertx.cancelTimer(id);
                return;
            }
            long now = System.nanoTime();
            if (request.bytesRead() != seen[0]) {
                seen[0] = request.bytesRead();
                seen[1] = now;
                return;
            }
            if (now - seen[1] >= idleNanos) {
                vertx.cancelTimer(id);
                giveUp(request, response, seen[0]);
            }
        });
        ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        ctx.next();
    }

    private void giveUp(HttpServerRequest request, HttpServerResponse response, long received) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        LOG.warnf("%s %s: the request body stopped arriving after %d of %s bytes; answered 408", request.method(),
            request.path(), received, length == null ? "its" : length);
        String message = "the request body stopped arriving after " + received + " of " + (length == null
            ? "its" : length) + " bytes for " + Duration.ofNanos(idleNanos).toSeconds() + " s; send it again";
        ObjectNode error = Json.object();
        error.putArray("errors").addObject().put("code", ErrorCode.BAD_REQUEST.name()).put("message", message);
        byte[] body = Json.canonical(error);
        response.setStatusCode(408).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.CONNECTION, "close").putHeader(HttpHeaders.CONTENT_LENGTH,
                Integer.toString(body.length))
            .end(Buffer.buffer(body)).onComplete(sent -> request.connection().close());
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
