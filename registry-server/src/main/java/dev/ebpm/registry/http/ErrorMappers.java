package dev.ebpm.registry.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.registry.db.DatabaseOutage;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorBody;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.storage.BlobCorruptException;
import dev.ebpm.registry.storage.BlobMissingException;
import dev.ebpm.registry.storage.StorageException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * Turns every failure into the one error envelope: {@link ApiException} as it says, JAX-RS errors
 * (unknown route, wrong method, unreadable body) with their status, outages of the database or the object
 * store as 503 UNAVAILABLE with Retry-After, a body that stopped arriving as a 400, and anything else into
 * a logged 500 that tells the client nothing internal.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Seconds an outage is expected to last at least: long enough not to hammer, short enough to recover. */
    static final int OUTAGE_RETRY_SECONDS = 5;

    /** The catalog's error page, for browsers on the catalog's own pages. */
    @Inject
    @Location("error.html")
    Template errorPage;

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers, RoutingContext ctx) {
        if (ctx.response().ended()) {
            // StalledBodies answered already (the body stopped arriving, and reading it failed since).
            return null;
        }
        if (wantsPage(uri, headers)) {
            return page(e.status(), e.getMessage());
        }
        Response.ResponseBuilder r = respond(e.status(), e.code(), e.getMessage());
        e.headers().forEach(r::header);
        return r.build();
    }

    @ServerExceptionMapper
    public Response jaxrs(WebApplicationException e, UriInfo uri, HttpHeaders headers, RoutingContext ctx) {
        if (e.getCause() instanceof ApiException api) {
            // A typed parameter that did not parse (TypedParams).
            return api(api, uri, headers, ctx);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && wantsPage(uri, headers)) {
            return page(404, "There is no page at " + uri.getPath() + ".");
        }
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 413 -> ErrorCode.SIZE_INVALID;
            case 415 -> ErrorCode.UNSUPPORTED;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
        String message = switch (status) {
            case 404 -> "no such endpoint";
            case 405 -> "this endpoint does not take that method";
            case 413 -> "the request body is too large";
            default -> e.getMessage() == null ? "bad request" : e.getMessage();
        };
        if (status >= 500) {
            LOG.error("request failed", e);
            message = "internal error";
        }
        Response.ResponseBuilder r = respond(status, code, message);
        e.getResponse().getHeaders().forEach((k, v) -> v.forEach(x -> r.header(k, x)));
        return r.build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return badJson(e);
    }

    /** Quarkus maps these two itself, with an empty body; the more specific mapper wins. */
    @ServerExceptionMapper
    public Response jsonSyntax(JsonParseException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response jsonShape(MismatchedInputException e) {
        return badJson(e);
    }

    private static Response badJson(JsonProcessingException e) {
        return respond(400, ErrorCode.BAD_REQUEST, "not valid JSON for this request: " + e.getOriginalMessage())
            .build();
    }

    /** Package content the shared library refused, wherever it was read and not mapped more precisely. */
    @ServerExceptionMapper
    public Response packageInvalid(PackageFormatException e) {
        return respond(400, ErrorCode.PACKAGE_INVALID, "the package is not valid: " + e.getMessage()).build();
    }

    /**
     * A body that ended before its Content-Length: the client's request is incomplete, not the server broken.
     * When {@link StalledBodies} already answered a body that stopped arriving, there is nothing left to say:
     * null leaves the failure to the HTTP layer, which logs a closed connection at debug level only.
     */
    @ServerExceptionMapper
    public Response bodyCutShort(IOException e, Request request, UriInfo uri, RoutingContext ctx) {
        if (ctx.response().ended()) {
            return null;
        }
        LOG.warnf("%s %s: the request body was cut short (%s)", request.getMethod(), uri.getPath(), e.getMessage());
        return respond(400, ErrorCode.BAD_REQUEST, "the request body was cut short: it ended, or stopped "
            + "arriving, before its Content-Length").build();
    }

    @ServerExceptionMapper
    public Response missingBlob(BlobMissingException e) {
        LOG.error(e.getMessage());
        return respond(500, ErrorCode.INTERNAL, "the registry lost the content of this blob; its operator has been "
            + "told which").build();
    }

    @ServerExceptionMapper
    public Response corruptBlob(BlobCorruptException e) {
        LOG.error(e.getMessage());
        return respond(500, ErrorCode.INTERNAL, "the registry's copy of this blob is corrupt (its bytes are not what "
            + "its digest names), so it is not served; its operator has been told which").build();
    }

    @ServerExceptionMapper
    public Response storage(StorageException e) {
        LOG.error(e.getMessage(), e.getCause());
        return unavailable("blob storage is unavailable, try again later");
    }

    /** Two writers that met head-on in PostgreSQL: the request is safe to repeat. */
    @ServerExceptionMapper
    public Response contention(PessimisticLockException e) {
        LOG.warn("lock contention: " + e.getMessage());
        return respond(503, ErrorCode.UNAVAILABLE, "the registry is busy with a conflicting change; try again")
            .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, HttpHeaders headers) {
        if (DatabaseOutage.isCause(e)) {
            LOG.errorf("the database is unavailable: %s", e.getMessage());
            return unavailable("the database is unavailable, try again later");
        }
        LOG.error("request failed", e);
        if (wantsPage(uri, headers)) {
            return page(500, "Something went wrong on our side; it has been logged.");
        }
        return respond(500, ErrorCode.INTERNAL, "internal error").build();
    }

    private static Response unavailable(String message) {
        return respond(503, ErrorCode.UNAVAILABLE, message)
            .header("Retry-After", Integer.toString(OUTAGE_RETRY_SECONDS)).build();
    }

    /** A browser on a catalog page (not the REST or OCI APIs, not a program asking for JSON). */
    private static boolean wantsPage(UriInfo uri, HttpHeaders headers) {
        String path = uri.getPath();
        if (path.startsWith("/api/") || path.startsWith("/v2") || path.startsWith("/q/")) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE)
            && !m.isWildcardType());
    }

    private Response page(int status, String message) {
        String title = switch (status) {
            case 404 -> "Not found";
            case 400 -> "Bad request";
            case 410 -> "Removed";
            default -> status >= 500 ? "Server error" : "Error";
        };
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
            .entity(errorPage.data("status", status).data("title", title).data("message", message).render()).build();
    }

    public static Response.ResponseBuilder respond(int status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(code, message));
    }
}
