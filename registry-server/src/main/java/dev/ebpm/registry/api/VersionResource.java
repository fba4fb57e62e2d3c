package dev.ebpm.registry.api;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.catalog.CatalogChanges;
import dev.ebpm.registry.catalog.CatalogViews;
import dev.ebpm.registry.catalog.RemovalView;
import dev.ebpm.registry.catalog.VersionRemovals;
import dev.ebpm.registry.catalog.VersionView;
import dev.ebpm.registry.download.VersionFiles;
import dev.ebpm.registry.http.RoutePatterns;
import dev.ebpm.registry.publish.PublishService;
import dev.ebpm.registry.reference.VersionRef;
import dev.ebpm.registry.trust.SignatureService;
import dev.ebpm.registry.trust.TrustView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * Versions: publish ({@code PUT} with an {@code .ebpm} file or an eunomia {@code package.json}/yaml),
 * metadata, the package file and the eunomia-compatible {@code package.json}, yank and unyank, and removal
 * by an admin. Where a version is read, a tag or {@code latest} may stand for it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {
    static final String VERSION = "/packages/" + RoutePatterns.NAME + "/-/versions/{version}";

    @Inject CatalogViews views;
    @Inject CatalogChanges changes;
    @Inject VersionRemovals removals;
    @Inject PublishService publisher;
    @Inject VersionFiles files;
    @Inject AccessGuard guard;
    @Inject SignatureService signatures;

    @PUT
    @Path(VERSION)
    @Consumes(MediaType.WILDCARD)
    public Response publish(@PathParam("name") PackageName name, @PathParam("version") SemVer version,
                            @QueryParam("tag") List<TagName> tags, @HeaderParam("Authorization") String authorization,
                            @HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        Caller caller = guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.PUBLISH, name,
            RateLimiter.Limited.PUBLISH);
        VersionView published = publisher.publishFile(name, version, tags, caller, contentType, body);
        return Response.created(URI.create("/api/v1/packages/" + name + "/-/versions/" + version))
            .header("Docker-Content-Digest", published.digests().manifest()).entity(published).build();
    }

    @GET
    @Path(VERSION)
    public VersionView get(@PathParam("name") PackageName name, @PathParam("version") VersionRef reference) {
        return views.version(name, reference);
    }

    @GET
    @Path(VERSION + "/package.ebpm")
    @Produces("application/vnd.ebpm.package.v1+tar")
    public Response packageFile(@PathParam("name") PackageName name, @PathParam("version") VersionRef reference,
                                @QueryParam("arch") String arch) {
        return files.ebpm(name, reference, arch);
    }

    @GET
    @Path(VERSION + "/app.wasm")
    @Produces(WasmFormat.MEDIA_TYPE)
    public Response module(@PathParam("name") PackageName name, @PathParam("version") VersionRef reference) {
        return files.wasm(name, reference);
    }

    @GET
    @Path(VERSION + "/package.json")
    public Response packageJson(@PathParam("name") PackageName name, @PathParam("version") VersionRef reference,
                                @QueryParam("arch") String arch) {
        return files.eunomiaJson(name, reference, arch);
    }

    /** The version's signatures and provenance, checked against this hub's keys. */
    @GET
    @Path(VERSION + "/signatures")
    public TrustView signatures(@PathParam("name") PackageName name, @PathParam("version") VersionRef reference) {
        VersionView v = views.version(name, reference);
        return signatures.view(name.value(), Digest.parse(v.digests().manifest()));
    }

    @PUT
    @Path(VERSION + "/yank")
    @Consumes(MediaType.WILDCARD)
    public VersionView yank(@PathParam("name") PackageName name, @PathParam("version") SemVer version,
                            @HeaderParam("Authorization") String authorization, YankRequest request) {
        guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.YANK, name, RateLimiter.Limited.OTHER);
        return changes.yank(name, version, true, request == null ? null : request.reason());
    }

    @DELETE
    @Path(VERSION + "/yank")
    public VersionView unyank(@PathParam("name") PackageName name, @PathParam("version") SemVer version,
                              @HeaderParam("Authorization") String authorization) {
        guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.YANK, name, RateLimiter.Limited.OTHER);
        return changes.yank(name, version, false, null);
    }

    /** Takes the version down for good (admins only); see {@link VersionRemovals}. */
    @DELETE
    @Path(VERSION)
    @Consumes(MediaType.WILDCARD)
    public RemovalView remove(@PathParam("name") PackageName name, @PathParam("version") SemVer version,
                              @HeaderParam("Authorization") String authorization, RemovalRequest request) {
        Caller admin = guard.write(authorization, AccessGuard.Realm.REST, Scope.Action.ADMIN, null,
            RateLimiter.Limited.OTHER);
        return removals.remove(name, version, RemovalRequest.reasonOf(request), admin);
    }
}
