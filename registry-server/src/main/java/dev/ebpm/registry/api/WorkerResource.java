package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.builds.BuildService;
import dev.ebpm.registry.builds.BuildView;
import dev.ebpm.registry.builds.Lease;
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
import java.util.UUID;

/**
 * What compile workers call, with a token of scope {@code worker}: lease the next build, heartbeat, fetch
 * its sources, append to its log, and report the package or the failure. Every call after the lease
 * names it in the {@code Ebpm-Lease} header. Reports are safe to repeat: the same report under the lease
 * that finished the build answers the build again, and a log chunk numbered by {@code Ebpm-Log-Sequence}
 * is appended once.
 */
@Path("/api/v1/worker")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {
    public static final String LEASE_HEADER = "Ebpm-Lease";
    public static final String LOG_SEQUENCE_HEADER = "Ebpm-Log-Sequence";

    @Inject BuildService builds;
    @Inject AccessGuard guard;

    /** 200 with a lease, or 204 when no build is waiting. */
    @POST
    @Path("/lease")
    public Response lease(@HeaderParam("Authorization") String authorization, @QueryParam("worker") String worker) {
        worker(authorization);
        return builds.lease(worker).map(l -> Response.ok(l).build()).orElse(Response.noContent().build());
    }

    @POST
    @Path("/builds/{id}/heartbeat")
    public Lease heartbeat(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id,
                           @HeaderParam(LEASE_HEADER) UUID lease) {
        worker(authorization);
        return builds.heartbeat(id, lease);
    }

    @GET
    @Path("/builds/{id}/sources")
    @Produces("application/gzip")
    public byte[] sources(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id,
                          @HeaderParam(LEASE_HEADER) UUID lease) {
        worker(authorization);
        return builds.sources(id, lease);
    }

    /** 204 whether appended or recognised as a repeat of a chunk already appended. */
    @POST
    @Path("/builds/{id}/log")
    @Consumes(MediaType.WILDCARD)
    public Response log(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id,
                        @HeaderParam(LEASE_HEADER) UUID lease, @HeaderParam(LOG_SEQUENCE_HEADER) Long sequence,
                        InputStream body) throws IOException {
        worker(authorization);
        builds.log(id, lease, sequence, body);
        return Response.noContent().build();
    }

    @POST
    @Path("/builds/{id}/success")
    @Consumes(MediaType.WILDCARD)
    public BuildView success(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id,
                             @HeaderParam(LEASE_HEADER) UUID lease,
                             @HeaderParam(BuildService.ENVIRONMENT_HEADER) String environment, InputStream body)
        throws IOException {
        worker(authorization);
        return builds.succeed(id, lease, body, environment);
    }

    @POST
    @Path("/builds/{id}/failure")
    @Consumes(MediaType.WILDCARD)
    public BuildView failure(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id,
                             @HeaderParam(LEASE_HEADER) UUID lease, InputStream body) throws IOException {
        worker(authorization);
        return builds.fail(id, lease, body);
    }

    private void worker(String authorization) {
        guard.require(authorization, AccessGuard.Realm.REST, Scope.Action.WORKER, null);
    }
}
