package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.download.BlobResponses;
import dev.ebpm.registry.download.Downloads;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code /v2/NAME/blobs/DIGEST}: pulling blobs, whole or by range. */
@Path("/v2")
public class OciBlobResource {
    private static final String OCTETS = "application/octet-stream";

    private final BlobService blobs;
    private final BlobResponses responses;
    private final Downloads downloads;

    OciBlobResource(BlobService blobs, BlobResponses responses, Downloads downloads) {
        this.blobs = blobs;
        this.responses = responses;
        this.downloads = downloads;
    }

    @GET
    @Path(OciNames.NAME + "/blobs/{digest}")
    public Response get(@PathParam("name") String name, @PathParam("digest") String digest,
                        @HeaderParam("Range") String range, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Digest d = OciDigests.parse(digest);
        Response r = responses.respond(d, size(name, d), OCTETS, range, ifNoneMatch, false);
        if (r.getStatus() == 200) {
            downloads.blob(name, d);
        }
        return r;
    }

    @HEAD
    @Path(OciNames.NAME + "/blobs/{digest}")
    public Response head(@PathParam("name") String name, @PathParam("digest") String digest) {
        Digest d = OciDigests.parse(digest);
        return responses.respond(d, size(name, d), OCTETS, null, null, true);
    }

    @DELETE
    @Path(OciNames.NAME + "/blobs/{digest}")
    public Response delete(@PathParam("name") String name, @PathParam("digest") String digest) {
        throw new ApiException(405, ErrorCode.UNSUPPORTED, "blobs of published versions are immutable and are not "
            + "deleted");
    }

    private long size(String name, Digest d) {
        CatalogService.checkName(name);
        return blobs.sizeIn(name, d).orElseThrow(() -> ApiException.notFound(ErrorCode.BLOB_UNKNOWN,
            name + " has no blob " + d));
    }
}
