package dev.ebpm.registry.api;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.catalog.CatalogChanges;
import dev.ebpm.registry.catalog.CatalogViews;
import dev.ebpm.registry.http.RoutePatterns;
import jakarta.inject.Inject;
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
    @Inject CatalogViews views;
    @Inject CatalogChanges changes;
    @Inject AccessGuard guard;

    @GET
    @Path("/packages/" + RoutePatterns.NAME + "/-/tags")
    public Map<String, String> list(@PathParam("name") PackageName name) {
        return views.tagMap(name);
    }

    @PUT
    @Path("/packages/" + RoutePatterns.NAME + "/-/tags/{tag}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> set(@PathParam("name") PackageName name, @PathParam("tag") TagName tag,
                                   @HeaderParam("Authorization") String authorization, TagRequest request) {
        writeAccess(name, authorization);
        return changes.setTag(name, tag, TagRequest.versionOf(request));
    }

    @DELETE
    @Path("/packages/" + RoutePatterns.NAME + "/-/tags/{tag}")
    public Map<String, String> delete(@PathParam("name") PackageName name, @PathParam("tag") TagName tag,
                                      @HeaderParam("Authorization") String authorization) {
        writeAccess(name, authorization);
        return changes.deleteTag(name, tag);
    }

    private void writeAccess(PackageName name, String authorization) {
        guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.PUBLISH, name, RateLimiter.Limited.OTHER);
    }
}
