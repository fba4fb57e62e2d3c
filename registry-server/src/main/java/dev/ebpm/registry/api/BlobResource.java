package dev.ebpm.registry.api;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.download.BlobResponses;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.oci.BlobRecord;
import dev.ebpm.registry.oci.BlobService;
import dev.ebpm.registry.oci.OciDigests;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/blobs/DIGEST}: any stored blob by digest (package files, configs, layers), with ranges. */
@Path("/api/v1")
public class BlobResource {
    private final BlobService blobs;
    private final BlobResponses responses;

    BlobResource(BlobService blobs, BlobResponses responses) {
        this.blobs = blobs;
        this.responses = responses;
    }

    @GET
    @Path("/blobs/{digest}")
    public Response get(@PathParam("digest") String digest, @HeaderParam("Range") String range,
                        @HeaderParam("If-None-Match") String ifNoneMatch) {
        Digest d = OciDigests.parse(digest);
        return responses.respond(d, find(d).size, "application/octet-stream", range, ifNoneMatch, false);
    }

    @HEAD
    @Path("/blobs/{digest}")
    public Response head(@PathParam("digest") String digest) {
        Digest d = OciDigests.parse(digest);
        return responses.respond(d, find(d).size, "application/octet-stream", null, null, true);
    }

    private BlobRecord find(Digest d) {
        return blobs.find(d).orElseThrow(() -> ApiException.notFound(ErrorCode.BLOB_UNKNOWN, "no blob " + d));
    }
}
