package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.builds.BuildConfig;
import dev.ebpm.registry.builds.BuildService;
import dev.ebpm.registry.builds.BuildView;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.publish.Limits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

/** Compile builds: send sources (a tar.gz) with a name and version; follow the build until it publishes. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {
    private final BuildService builds;
    private final AccessGuard guard;
    private final RateLimiter rateLimiter;
    private final BuildConfig config;

    BuildResource(BuildService builds, AccessGuard guard, RateLimiter rateLimiter, BuildConfig config) {
        this.builds = builds;
        this.guard = guard;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    @POST
    @Path("/builds")
    @Consumes(MediaType.WILDCARD)
    public Response create(@QueryParam("name") String name, @QueryParam("version") String version,
                           @HeaderParam("Authorization") String authorization, InputStream body) throws IOException {
        CatalogService.checkName(name);
        CatalogService.checkVersion(version);
        Caller caller = guard.require(authorization, AccessGuard.Realm.REST, Scope.Action.PUBLISH, name);
        rateLimiter.consume(caller, RateLimiter.Limited.PUBLISH);
        byte[] archive = Limits.readAtMost(body, config.maxArchiveSize(), "a source archive");
        BuildView build = builds.create(caller, name, version, archive);
        return Response.accepted(build).location(URI.create("/api/v1/builds/" + build.id())).build();
    }

    @GET
    @Path("/builds/{id}")
    public BuildView get(@PathParam("id") UUID id) {
        return builds.view(id);
    }
}
