package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.download.BlobDownloads;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.http.RoutePatterns;
import jakarta.inject.Inject;
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
    @Inject BlobDownloads downloads;

    @GET
    @Path(RoutePatterns.NAME + "/blobs/{digest}")
    public Response get(@PathParam("name") PackageName name, @PathParam("digest") Digest digest,
                        @HeaderParam("Range") String range, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return downloads.fromRepository(name, digest, range, ifNoneMatch, false);
    }

    @HEAD
    @Path(RoutePatterns.NAME + "/blobs/{digest}")
    public Response head(@PathParam("name") PackageName name, @PathParam("digest") Digest digest) {
        return downloads.fromRepository(name, digest, null, null, true);
    }

    @DELETE
    @Path(RoutePatterns.NAME + "/blobs/{digest}")
    public Response delete(@PathParam("name") String name, @PathParam("digest") String digest) {
        throw new ApiException(405, ErrorCode.UNSUPPORTED, "blobs of published versions are immutable and are not "
            + "deleted");
    }
}
