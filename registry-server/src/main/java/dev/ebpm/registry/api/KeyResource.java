package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.trust.KeyRegistry;
import dev.ebpm.registry.trust.KeyRequest;
import dev.ebpm.registry.trust.KeyView;
import dev.ebpm.registry.trust.RevokeRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Signing keys: anyone lists them (the hub's key, publishers' keys, which are revoked and why); admins
 * register a publisher's public key and revoke keys.
 */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {
    @Inject KeyRegistry keys;
    @Inject AccessGuard guard;

    @GET
    public List<KeyView> list() {
        return keys.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@HeaderParam("Authorization") String authorization, KeyRequest request) {
        Caller admin = guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.ADMIN, null,
            RateLimiter.Limited.OTHER);
        return Response.status(201).entity(keys.register(request, admin)).build();
    }

    @POST
    @Path("/{fingerprint}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public KeyView revoke(@HeaderParam("Authorization") String authorization, @PathParam("fingerprint") String fingerprint,
                          RevokeRequest request) {
        guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.ADMIN, null, RateLimiter.Limited.OTHER);
        return keys.revoke(fingerprint, request);
    }
}
