package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.http.RoutePatterns;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** {@code /v2/NAME/tags/list} and {@code /v2/NAME/referrers/DIGEST}: listing what a repository holds. */
@Path("/v2")
public class OciTagsResource {
    @Inject RepositoryListings listings;

    @GET
    @Path(RoutePatterns.NAME + "/tags/list")
    public Response tags(@PathParam("name") PackageName name, @QueryParam("n") Integer n,
                         @QueryParam("last") String last) {
        return listings.tags(name, n, last);
    }

    @GET
    @Path(RoutePatterns.NAME + "/referrers/{digest}")
    public Response referrers(@PathParam("name") PackageName name, @PathParam("digest") Digest subject,
                              @QueryParam("artifactType") String artifactType) {
        return listings.referrers(name, subject, artifactType);
    }
}
