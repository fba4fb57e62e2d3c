package dev.ebpm.registry.oci;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.content.ManifestView;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.http.RoutePatterns;
import dev.ebpm.registry.reference.ManifestRef;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/** {@code /v2/NAME/manifests/REFERENCE}: pull (GET, HEAD) and push (PUT) of manifests. */
@Path("/v2")
public class OciManifestResource {
    @Inject ManifestService manifests;
    @Inject AccessGuard guard;

    @GET
    @Path(RoutePatterns.NAME + "/manifests/{reference}")
    public Response get(@PathParam("name") PackageName name, @PathParam("reference") ManifestRef reference,
                        @HeaderParam("If-None-Match") String ifNoneMatch) {
        ManifestView m = manifests.get(name, reference);
        String etag = "\"" + m.digest() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header("ETag", etag).header("Docker-Content-Digest", m.digest()).build();
        }
        return headers(m).entity(m.content()).build();
    }

    @HEAD
    @Path(RoutePatterns.NAME + "/manifests/{reference}")
    public Response head(@PathParam("name") PackageName name, @PathParam("reference") ManifestRef reference) {
        ManifestView m = manifests.get(name, reference);
        return headers(m).header("Content-Length", m.content().length).build();
    }

    private static Response.ResponseBuilder headers(ManifestView m) {
        return Response.ok().type(m.mediaType()).header("Docker-Content-Digest", m.digest())
            .header("ETag", "\"" + m.digest() + "\"");
    }

    @PUT
    @Path(RoutePatterns.NAME + "/manifests/{reference}")
    public Response put(@PathParam("name") PackageName name, @PathParam("reference") ManifestRef reference,
                        @HeaderParam("Authorization") String authorization, InputStream body) throws IOException {
        Caller caller = guard.write(authorization, AccessGuard.Realm.OCI, Scope.Action.PUBLISH, name,
            RateLimiter.Limited.PUBLISH);
        ManifestService.Pushed pushed = manifests.put(name, reference, body, caller);
        Response.ResponseBuilder r = Response.status(201)
            .header("Location", "/v2/" + name + "/manifests/" + pushed.digest())
            .header("Docker-Content-Digest", pushed.digest().toString());
        if (pushed.subject() != null) {
            r.header("OCI-Subject", pushed.subject().toString());
        }
        return r.build();
    }

    @DELETE
    @Path(RoutePatterns.NAME + "/manifests/{reference}")
    public Response delete(@PathParam("name") String name, @PathParam("reference") String reference) {
        throw new ApiException(405, ErrorCode.UNSUPPORTED, "versions are immutable and are not deleted; yank a "
            + "version instead (PUT /api/v1/packages/NAME/-/versions/VERSION/yank), or ask an admin to remove it");
    }
}
