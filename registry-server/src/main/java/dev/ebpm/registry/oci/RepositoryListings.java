package dev.ebpm.registry.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.catalog.CatalogViews;
import dev.ebpm.registry.catalog.Package;
import dev.ebpm.registry.catalog.PackageLookup;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.content.StoredManifest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.reference.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/** What the OCI listings show: a repository's tags (paged) and the artifacts that refer to a manifest. */
@ApplicationScoped
public class RepositoryListings {
    /** Clamped so a huge {@code n} cannot make the server build a huge list (distribution CVE-2023-2253). */
    static final int MAX_PAGE = 1000;
    /** Media types are at most 127/127 characters (RFC 6838). */
    static final int MAX_ARTIFACT_TYPE = 255;

    private final PackageLookup lookup;
    private final CatalogViews views;
    private final Manifests manifests;

    RepositoryListings(PackageLookup lookup, CatalogViews views, Manifests manifests) {
        this.lookup = lookup;
        this.views = views;
        this.manifests = manifests;
    }

    public Response tags(PackageName name, Integer n, String last) {
        Optional<Package> p = lookup.find(name);
        if (p.isEmpty() && !manifests.repositoryHasManifests(name.value())) {
            throw ApiException.packageUnknown(name.value());
        }
        List<String> all = p.map(views::ociTags).orElse(List.of());
        List<String> after = last == null ? all : all.stream().filter(t -> t.compareTo(last) > 0).toList();
        int limit = n == null ? MAX_PAGE : Math.max(0, Math.min(n, MAX_PAGE));
        List<String> page = after.subList(0, Math.min(limit, after.size()));
        ObjectNode body = Json.object();
        body.put("name", name.value());
        ArrayNode tags = body.putArray("tags");
        page.forEach(tags::add);
        Response.ResponseBuilder r = Response.ok(Json.canonical(body)).type("application/json");
        if (page.size() < after.size() && !page.isEmpty()) {
            r.header("Link", "</v2/" + name + "/tags/list?n=" + limit + "&last=" + page.get(page.size() - 1)
                + ">; rel=\"next\"");
        }
        return r.build();
    }

    /** What refers to a manifest (signatures, SBOMs); 410 for the manifest of a removed version, like the manifest. */
    public Response referrers(PackageName name, Digest subject, String artifactType) {
        Inputs.text("artifactType", artifactType, MAX_ARTIFACT_TYPE);
        lookup.removalOf(name, subject).ifPresent(r -> {
            throw r.gone();
        });
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", OciManifest.INDEX_MEDIA_TYPE);
        ArrayNode list = index.putArray("manifests");
        for (StoredManifest m : manifests.referrers(name.value(), subject, artifactType)) {
            ObjectNode d = list.addObject();
            d.put("mediaType", m.mediaType);
            d.put("digest", m.digest);
            d.put("size", m.content.length);
            if (m.artifactType != null) {
                d.put("artifactType", m.artifactType);
            }
            d.set("annotations", Json.parse(m.annotations));
        }
        Response.ResponseBuilder r = Response.ok(Json.canonical(index)).type(OciManifest.INDEX_MEDIA_TYPE);
        if (artifactType != null) {
            r.header("OCI-Filters-Applied", "artifactType");
        }
        return r.build();
    }
}
