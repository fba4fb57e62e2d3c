package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.publish.Limits;
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
 * PUT, in ordered chunks (PATCH), or by mounting a blob another repository has.
 */
@Path("/v2")
public class OciUploadResource {
    private final UploadService uploads;
    private final BlobService blobs;
    private final AccessGuard guard;
    private final Limits limits;

    OciUploadResource(UploadService uploads, BlobService blobs, AccessGuard guard, Limits limits) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.guard = guard;
        this.limits = limits;
    }

    @POST
    @Path(OciNames.NAME + "/blobs/uploads/")
    public Response start(@PathParam("name") String name, @QueryParam("digest") String digest,
                          @QueryParam("mount") String mount, @QueryParam("from") String from,
                          @HeaderParam("Authorization") String authorization, InputStream body) {
        authorize(name, authorization);
        if (mount != null) {
            Digest d = OciDigests.parse(mount);
            boolean there = from == null ? blobs.find(d).isPresent()
                : PackageName.isValid(from) && blobs.find(from, d).isPresent();
            if (there) {
                blobs.link(name, d);
                return created(name, d);
            }
        }
        if (digest != null) {
            Digest d = OciDigests.parse(digest);
            try (SpooledBlob blob = blobs.spool(body, limits.maxBlobSize())) {
                if (!blob.digest().equals(d)) {
                    throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "the uploaded " + blob.size()
                        + " bytes have digest " + blob.digest() + ", not " + d);
                }
                blobs.store(blob, name);
            }
            return created(name, d);
        }
        UUID id = uploads.start(name);
        return Response.accepted().header("Location", UploadService.location(name, id))
            .header("Range", UploadService.range(0)).header("Docker-Upload-UUID", id.toString())
            .header("OCI-Chunk-Min-Length", "0").build();
    }

    @PATCH
    @Path(OciNames.NAME + "/blobs/uploads/{uuid}")
    public Response chunk(@PathParam("name") String name, @PathParam("uuid") String uuid,
                          @HeaderParam("Content-Range") String contentRange,
                          @HeaderParam("Authorization") String authorization, InputStream body) {
        authorize(name, authorization);
        UUID id = session(name, uuid);
        long received = uploads.append(name, id, contentRange, body);
        return Response.accepted().header("Location", UploadService.location(name, id))
            .header("Range", UploadService.range(received)).header("Docker-Upload-UUID", id.toString()).build();
    }

    @PUT
    @Path(OciNames.NAME + "/blobs/uploads/{uuid}")
    public Response finish(@PathParam("name") String name, @PathParam("uuid") String uuid,
                           @QueryParam("digest") String digest, @HeaderParam("Authorization") String authorization,
                           InputStream body) {
        authorize(name, authorization);
        UUID id = session(name, uuid);
        Digest d = OciDigests.parse(digest);
        uploads.finish(name, id, d, body);
        return created(name, d);
    }

    @GET
    @Path(OciNames.NAME + "/blobs/uploads/{uuid}")
    public Response status(@PathParam("name") String name, @PathParam("uuid") String uuid,
                           @HeaderParam("Authorization") String authorization) {
        authorize(name, authorization);
        UUID id = session(name, uuid);
        return Response.noContent().header("Location", UploadService.location(name, id))
            .header("Range", UploadService.range(uploads.status(name, id))).header("Docker-Upload-UUID", uuid)
            .build();
    }

    @DELETE
    @Path(OciNames.NAME + "/blobs/uploads/{uuid}")
    public Response cancel(@PathParam("name") String name, @PathParam("uuid") String uuid,
                           @HeaderParam("Authorization") String authorization) {
        authorize(name, authorization);
        uploads.cancel(name, session(name, uuid));
        return Response.noContent().build();
    }

    private void authorize(String name, String authorization) {
        CatalogService.checkName(name);
        guard.require(authorization, AccessGuard.Realm.OCI, Scope.Action.PUBLISH, name);
    }

    private static UUID session(String name, String uuid) {
        try {
            return UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + uuid + " in progress for "
                + name);
        }
    }

    private static Response created(String name, Digest d) {
        // Relative, like every Location the OCI endpoints send: correct behind any proxy.
        return Response.status(201).header("Location", "/v2/" + name + "/blobs/" + d)
            .header("Docker-Content-Digest", d.toString()).build();
    }
}
