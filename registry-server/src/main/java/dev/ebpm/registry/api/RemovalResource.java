package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.catalog.RemovalView;
import dev.ebpm.registry.catalog.VersionRemovals;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/v1/removals}: the audit trail of removed versions, newest first (admins only). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RemovalResource {
    @Inject VersionRemovals removals;
    @Inject AccessGuard guard;

    @GET
    @Path("/removals")
    public List<RemovalView> list(@HeaderParam("Authorization") String authorization) {
        guard.require(authorization, AccessGuard.Realm.REST, Scope.Action.ADMIN, null);
        return removals.list();
    }
}
