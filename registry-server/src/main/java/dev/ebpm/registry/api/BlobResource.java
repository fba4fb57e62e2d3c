package dev.ebpm.registry.api;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.download.BlobDownloads;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/blobs/DIGEST}: any stored blob by digest (package files, configs, layers), with ranges. */
@Path("/api/v1")
public class BlobResource {
    @Inject BlobDownloads downloads;

    @GET
    @Path("/blobs/{digest}")
    public Response get(@PathParam("digest") Digest digest, @HeaderParam("Range") String range,
                        @HeaderParam("If-None-Match") String ifNoneMatch) {
        return downloads.byDigest(digest, range, ifNoneMatch, false);
    }

    @HEAD
    @Path("/blobs/{digest}")
    public Response head(@PathParam("digest") Digest digest) {
        return downloads.byDigest(digest, null, null, true);
    }
}
