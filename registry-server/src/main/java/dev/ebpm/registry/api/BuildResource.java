package dev.ebpm.registry.api;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.builds.BuildService;
import dev.ebpm.registry.builds.BuildView;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.inject.Inject;
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
    @Inject BuildService builds;
    @Inject AccessGuard guard;

    @POST
    @Path("/builds")
    @Consumes(MediaType.WILDCARD)
    public Response create(@QueryParam("name") PackageName name, @QueryParam("version") SemVer version,
                           @HeaderParam("Authorization") String authorization, InputStream body) throws IOException {
        if (name == null || version == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "send ?name=NAME&version=VERSION with the sources");
        }
        Caller caller = guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.PUBLISH, name,
            RateLimiter.Limited.PUBLISH);
        BuildView build = builds.create(caller, name, version, body);
        return Response.accepted(build).location(URI.create("/api/v1/builds/" + build.id())).build();
    }

    @GET
    @Path("/builds/{id}")
    public BuildView get(@PathParam("id") UUID id) {
        return builds.view(id);
    }

    /**
     * The sources a published build compiled (what its provenance names), so anyone can rebuild it and
     * compare: {@code ecli verify REF --rebuild}.
     */
    @GET
    @Path("/builds/{id}/sources")
    @Produces("application/gzip")
    public byte[] sources(@PathParam("id") UUID id) {
        return builds.publishedSources(id);
    }
}
