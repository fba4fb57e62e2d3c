package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.NewToken;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.auth.TokenRequest;
import dev.ebpm.registry.auth.TokenService;
import dev.ebpm.registry.auth.TokenView;
import dev.ebpm.registry.error.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Tokens: admins create, list and revoke them; any token can describe itself ({@code GET /tokens/me}). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {
    @Inject TokenService tokens;
    @Inject AccessGuard guard;

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam("Authorization") String authorization, TokenRequest request) {
        Caller admin = admin(authorization);
        NewToken created = tokens.create(admin, request);
        return Response.status(201).entity(created).build();
    }

    @GET
    @Path("/tokens")
    public List<TokenView> list(@HeaderParam("Authorization") String authorization) {
        admin(authorization);
        return tokens.list();
    }

    @GET
    @Path("/tokens/me")
    public TokenView me(@HeaderParam("Authorization") String authorization) {
        Caller caller = guard.identify(authorization, AccessGuard.Realm.REST).orElseThrow(() ->
            ApiException.unauthorized("send a token to see what it may do", AccessGuard.Realm.REST.challenge()));
        return tokens.describe(caller.tokenId());
    }

    @DELETE
    @Path("/tokens/{id}")
    public TokenView revoke(@HeaderParam("Authorization") String authorization, @PathParam("id") long id) {
        admin(authorization);
        return tokens.revoke(id);
    }

    private Caller admin(String authorization) {
        return guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.ADMIN, null, RateLimiter.Limited.OTHER);
    }
}
