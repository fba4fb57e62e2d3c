package dev.ebpm.registry.api;

import dev.ebpm.registry.auth.AccessGuard;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.auth.RateLimiter;
import dev.ebpm.registry.auth.Scope;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.ResolvedVersion;
import dev.ebpm.registry.catalog.VersionView;
import dev.ebpm.registry.download.BlobResponses;
import dev.ebpm.registry.download.Downloads;
import dev.ebpm.registry.download.PackageFiles;
import dev.ebpm.registry.publish.Limits;
import dev.ebpm.registry.publish.PackageUpload;
import dev.ebpm.registry.publish.PublishResult;
import dev.ebpm.registry.publish.PublishService;
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
 * metadata, the package file and the eunomia-compatible {@code package.json}, yank and unyank. Where a
 * version is read, a tag or {@code latest} may stand for it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {
    private final CatalogService catalog;
    private final PublishService publisher;
    private final AccessGuard guard;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final PackageFiles files;
    private final Downloads downloads;

    VersionResource(CatalogService catalog, PublishService publisher, AccessGuard guard, RateLimiter rateLimiter,
                    Limits limits, PackageFiles files, Downloads downloads) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.guard = guard;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.files = files;
        this.downloads = downloads;
    }

    @PUT
    @Path(Paths.PACKAGE_VERSION)
    @Consumes(MediaType.WILDCARD)
    public Response publish(@PathParam("name") String name, @PathParam("version") String version,
                            @QueryParam("tag") List<String> tags, @HeaderParam("Authorization") String authorization,
                            @HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        CatalogService.checkName(name);
        CatalogService.checkVersion(version);
        Caller caller = guard.require(authorization, AccessGuard.Realm.REST, Scope.Action.PUBLISH, name);
        rateLimiter.consume(caller, RateLimiter.Limited.PUBLISH);
        byte[] bytes = Limits.readAtMost(body, limits.maxPackageSize(), "a package file");
        PackageUpload upload = PackageUpload.read(bytes, contentType, name, version, limits.maxObjectSize());
        PublishResult result = publisher.publish(name, version, upload.pkg(), upload.layer(), tags, caller, null);
        return Response.created(URI.create(Paths.PACKAGES + "/" + name + "/-/versions/" + version))
            .header("Docker-Content-Digest", result.manifestDigest().toString())
            .entity(catalog.versionView(name, version)).build();
    }

    @GET
    @Path(Paths.PACKAGE_VERSION)
    public VersionView get(@PathParam("name") String name, @PathParam("version") String reference) {
        return catalog.view(catalog.resolve(name, reference));
    }

    @GET
    @Path(Paths.PACKAGE_VERSION + "/package.ebpm")
    @Produces("application/vnd.ebpm.package.v1+tar")
    public Response packageFile(@PathParam("name") String name, @PathParam("version") String reference) {
        ResolvedVersion r = catalog.resolve(name, reference);
        downloads.version(r.version().id);
        return file(files.ebpm(r.version()), "application/vnd.ebpm.package.v1+tar",
            r.pkg().name.replace('/', '-') + "-" + r.version().version + ".ebpm", r, reference);
    }

    @GET
    @Path(Paths.PACKAGE_VERSION + "/package.json")
    public Response packageJson(@PathParam("name") String name, @PathParam("version") String reference) {
        ResolvedVersion r = catalog.resolve(name, reference);
        downloads.version(r.version().id);
        return file(files.eunomiaJson(r.version()), MediaType.APPLICATION_JSON, "package.json", r, reference);
    }

    /** A file of a version asked for by number never changes; one asked for by tag may move. */
    private static Response file(byte[] content, String type, String filename, ResolvedVersion r, String reference) {
        boolean pinned = reference.equals(r.version().version);
        return Response.ok(content).type(type)
            .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
            .header("ETag", "\"" + r.version().packageDigest + "\"")
            .header("Cache-Control", pinned ? BlobResponses.IMMUTABLE : "no-cache").build();
    }

    @PUT
    @Path(Paths.PACKAGE_VERSION + "/yank")
    @Consumes(MediaType.WILDCARD)
    public VersionView yank(@PathParam("name") String name, @PathParam("version") String version,
                            @HeaderParam("Authorization") String authorization, YankRequest request) {
        writeAccess(name, authorization);
        return catalog.yank(name, version, true, request == null ? null : request.reason());
    }

    @DELETE
    @Path(Paths.PACKAGE_VERSION + "/yank")
    public VersionView unyank(@PathParam("name") String name, @PathParam("version") String version,
                              @HeaderParam("Authorization") String authorization) {
        writeAccess(name, authorization);
        return catalog.yank(name, version, false, null);
    }

    private void writeAccess(String name, String authorization) {
        CatalogService.checkName(name);
        Caller caller = guard.require(authorization, AccessGuard.Realm.REST, Scope.Action.YANK, name);
        rateLimiter.consume(caller, RateLimiter.Limited.OTHER);
    }
}
