package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.http.RoutePatterns;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.UUID;

/**
 * {@code /v2/NAME/blobs/uploads/}: pushing blobs, in one request ({@code POST ?digest=}), as POST then
 * PUT, in ordered chunks (PATCH), or by mounting a blob another repository has. Every request that
 * starts, continues or finishes an upload takes one from the token's upload bucket.
 */
@Path("/v2")
public class OciUploadResource {
    @Inject UploadService uploads;
    @Inject MountService mounts;
    @Inject AccessGuard guard;

    @POST
    @Path(RoutePatterns.NAME + "/blobs/uploads/")
    public Response start(@PathParam("name") PackageName name, @QueryParam("digest") Digest digest,
                          @QueryParam("mount") Digest mount, @QueryParam("from") String from,
                          @HeaderParam("Authorization") String authorization, InputStream body) {
        Caller caller = upload(name, authorization);
        if (mount != null && mounts.mount(name, mount, from)) {
            return created(name, mount);
        }
        if (digest != null) {
            uploads.upload(name, digest, caller, body);
            return created(name, digest);
        }
        UUID id = uploads.start(name);
        return Response.accepted().header("Location", UploadService.location(name, id))
            .header("Range", UploadService.range(0)).header("Docker-Upload-UUID", id.toString())
            .header("OCI-Chunk-Min-Length", "0").build();
    }

    @PATCH
    @Path(RoutePatterns.NAME + "/blobs/uploads/{uuid}")
    public Response chunk(@PathParam("name") PackageName name, @PathParam("uuid") String uuid,
                          @HeaderParam("Content-Range") String contentRange,
                          @HeaderParam("Authorization") String authorization, InputStream body) {
        Caller caller = upload(name, authorization);
        UUID id = session(name, uuid);
        long received = uploads.append(name, id, contentRange, caller, body);
        return Response.accepted().header("Location", UploadService.location(name, id))
            .header("Range", UploadService.range(received)).header("Docker-Upload-UUID", id.toString()).build();
    }

    @PUT
    @Path(RoutePatterns.NAME + "/blobs/uploads/{uuid}")
    public Response finish(@PathParam("name") PackageName name, @PathParam("uuid") String uuid,
                           @QueryParam("digest") Digest digest, @HeaderParam("Authorization") String authorization,
                           InputStream body) {
        Caller caller = upload(name, authorization);
        uploads.finish(name, session(name, uuid), digest, caller, body);
        return created(name, digest);
    }

    @GET
    @Path(RoutePatterns.NAME + "/blobs/uploads/{uuid}")
    public Response status(@PathParam("name") PackageName name, @PathParam("uuid") String uuid,
                           @HeaderParam("Authorization") String authorization) {
        guard.require(authorization, AccessGuard.Realm.OCI, Scope.Action.PUBLISH, name);
        UUID id = session(name, uuid);
        return Response.noContent().header("Location", UploadService.location(name, id))
            .header("Range", UploadService.range(uploads.status(name, id))).header("Docker-Upload-UUID", uuid)
            .build();
    }

    @DELETE
    @Path(RoutePatterns.NAME + "/blobs/uploads/{uuid}")
    public Response cancel(@PathParam("name") PackageName name, @PathParam("uuid") String uuid,
                           @HeaderParam("Authorization") String authorization) {
        guard.require(authorization, AccessGuard.Realm.OCI, Scope.Action.PUBLISH, name);
        uploads.cancel(name, session(name, uuid));
        return Response.noContent().build();
    }

    private Caller upload(PackageName name, String authorization) {
        return guard.write(authorization, AccessGuard.Realm.OCI, Scope.Action.PUBLISH, name,
            RateLimiter.Limited.UPLOAD);
    }

    private static UUID session(PackageName name, String uuid) {
        try {
            return UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + uuid + " in progress for "
                + name);
        }
    }

    private static Response created(PackageName name, Digest d) {
        // Relative, like every Location the OCI endpoints send: correct behind any proxy.
        return Response.status(201).header("Location", "/v2/" + name + "/blobs/" + d)
            .header("Docker-Content-Digest", d.toString()).build();
    }
}
