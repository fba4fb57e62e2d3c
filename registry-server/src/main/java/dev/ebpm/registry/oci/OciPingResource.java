package dev.ebpm.registry.oci;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.error.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v2/}: the version check. Without valid credentials (none, malformed or unknown) it answers
 * 401 with a Basic challenge, which is how OCI clients (skopeo, docker, oras) learn they may log in; pulls
 * themselves need no token.
 */
@Path("/v2")
public class OciPingResource {
    @Inject AccessGuard guard;

    @GET
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ping(@HeaderParam("Authorization") String authorization) {
        guard.identify(authorization, AccessGuard.Realm.OCI).orElseThrow(() -> ApiException.unauthorized(
            "pulls are anonymous; pushes need a token as the Basic-auth password", AccessGuard.Realm.OCI.challenge()));
        return Response.ok("{}").build();
    }
}
