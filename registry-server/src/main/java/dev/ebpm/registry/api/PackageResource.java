package dev.ebpm.registry.api;

import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.PackageView;
import dev.ebpm.registry.catalog.SearchPage;
import dev.ebpm.registry.catalog.SearchService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Packages: one package with its versions, tags and downloads; listings; search. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PackageResource {
    private final CatalogService catalog;
    private final SearchService search;

    PackageResource(CatalogService catalog, SearchService search) {
        this.catalog = catalog;
        this.search = search;
    }

    @GET
    @Path("/packages/" + Paths.NAME)
    public PackageView get(@PathParam("name") String name) {
        return catalog.view(name);
    }

    /** All packages, most downloaded ({@code sort=downloads}, the default) or recently updated first. */
    @GET
    @Path("/packages")
    public SearchPage list(@QueryParam("sort") @DefaultValue("downloads") String sort,
                           @QueryParam("page") @DefaultValue("1") int page,
                           @QueryParam("per_page") @DefaultValue("20") int perPage) {
        return search.search(null, sortOf(sort), page, perPage);
    }

    /** Full-text search over names, descriptions and keywords, best match first. */
    @GET
    @Path("/search")
    public SearchPage search(@QueryParam("q") String q, @QueryParam("sort") @DefaultValue("relevance") String sort,
                             @QueryParam("page") @DefaultValue("1") int page,
                             @QueryParam("per_page") @DefaultValue("20") int perPage,
                             @QueryParam("kind") String kind, @QueryParam("output") String output) {
        return search.search(q, sortOf(sort), page, perPage, blankToNull(kind), blankToNull(output));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static SearchService.Sort sortOf(String sort) {
        return switch (sort) {
            case "recent" -> SearchService.Sort.RECENT;
            case "relevance" -> SearchService.Sort.RELEVANCE;
            default -> SearchService.Sort.DOWNLOADS;
        };
    }
}
