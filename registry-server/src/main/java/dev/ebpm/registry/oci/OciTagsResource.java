package dev.ebpm.registry.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.json.Json;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.Package;
import dev.ebpm.registry.error.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/** {@code /v2/NAME/tags/list} and {@code /v2/NAME/referrers/DIGEST}: listing what a repository holds. */
@Path("/v2")
public class OciTagsResource {
    /** Clamped so a huge {@code n} cannot make the server build a huge list (distribution CVE-2023-2253). */
    static final int MAX_PAGE = 1000;

    private final CatalogService catalog;
    private final Manifests manifests;

    OciTagsResource(CatalogService catalog, Manifests manifests) {
        this.catalog = catalog;
        this.manifests = manifests;
    }

    @GET
    @Path(OciNames.NAME + "/tags/list")
    public Response tags(@PathParam("name") String name, @QueryParam("n") Integer n, @QueryParam("last") String last) {
        CatalogService.checkName(name);
        Optional<Package> p = catalog.find(name);
        if (p.isEmpty() && !manifests.repositoryHasManifests(name)) {
            throw ApiException.packageUnknown(name);
        }
        List<String> all = p.map(catalog::ociTags).orElse(List.of());
        List<String> after = last == null ? all : all.stream().filter(t -> t.compareTo(last) > 0).toList();
        int limit = n == null ? MAX_PAGE : Math.max(0, Math.min(n, MAX_PAGE));
        List<String> page = after.subList(0, Math.min(limit, after.size()));
        ObjectNode body = Json.object();
        body.put("name", name);
        ArrayNode tags = body.putArray("tags");
        page.forEach(tags::add);
        Response.ResponseBuilder r = Response.ok(Json.canonical(body)).type("application/json");
        if (page.size() < after.size() && !page.isEmpty()) {
            r.header("Link", "</v2/" + name + "/tags/list?n=" + limit + "&last=" + page.get(page.size() - 1)
                + ">; rel=\"next\"");
        }
        return r.build();
    }

    @GET
    @Path(OciNames.NAME + "/referrers/{digest}")
    public Response referrers(@PathParam("name") String name, @PathParam("digest") String digest,
                              @QueryParam("artifactType") String artifactType) {
        CatalogService.checkName(name);
        Digest subject = OciDigests.parse(digest);
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", OciManifest.INDEX_MEDIA_TYPE);
        ArrayNode list = index.putArray("manifests");
        for (StoredManifest m : manifests.referrers(name, subject, artifactType)) {
            ObjectNode d = list.addObject();
            d.put("mediaType", m.mediaType);
            d.put("digest", m.digest);
            d.put("size", m.content.length);
            if (m.artifactType != null) {
                d.put("artifactType", m.artifactType);
            }
            d.set("annotations", Json.parse(m.annotations));
        }
        Response.ResponseBuilder r = Response.ok(Json.canonical(index))
            .type(OciManifest.INDEX_MEDIA_TYPE);
        if (artifactType != null) {
            r.header("OCI-Filters-Applied", "artifactType");
        }
        return r.build();
    }
}
