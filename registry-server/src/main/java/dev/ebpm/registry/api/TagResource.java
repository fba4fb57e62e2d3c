package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Tags of a package, as {@code {"tag": "version"}}; moving or removing one needs the publish scope. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {
    private final CatalogService catalog;
    private final AccessGuard guard;
    private final RateLimiter rateLimiter;

    TagResource(CatalogService catalog, AccessGuard guard, RateLimiter rateLimiter) {
        this.catalog = catalog;
        this.guard = guard;
        this.rateLimiter = rateLimiter;
    }

    @GET
    @Path("/packages/" + Paths.NAME + "/-/tags")
    public Map<String, String> list(@PathParam("name") String name) {
        return catalog.tagMap(name);
    }

    @PUT
    @Path("/packages/" + Paths.NAME + "/-/tags/{tag}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> set(@PathParam("name") String name, @PathParam("tag") String tag,
                                   @HeaderParam("Authorization") String authorization, TagRequest request) {
        writeAccess(name, authorization);
        if (request == null || request.version() == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "send {\"version\": \"X.Y.Z\"}");
        }
        return catalog.setTag(name, tag, request.version());
    }

    @DELETE
    @Path("/packages/" + Paths.NAME + "/-/tags/{tag}")
    public Map<String, String> delete(@PathParam("name") String name, @PathParam("tag") String tag,
                                      @HeaderParam("Authorization") String authorization) {
        writeAccess(name, authorization);
        return catalog.deleteTag(name, tag);
    }

    private void writeAccess(String name, String authorization) {
        CatalogService.checkName(name);
        Caller caller = guard.require(authorization, AccessGuard.Realm.REST, Scope.Action.PUBLISH, name);
        rateLimiter.consume(caller, RateLimiter.Limited.OTHER);
    }
}
