package dev.ebpm.registry.api;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.catalog.CatalogViews;
import dev.ebpm.registry.catalog.PackageView;
import dev.ebpm.registry.catalog.SearchPage;
import dev.ebpm.registry.catalog.SearchService;
import dev.ebpm.registry.http.RoutePatterns;
import jakarta.inject.Inject;
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
    @Inject CatalogViews views;
    @Inject SearchService search;

    @GET
    @Path("/packages/" + RoutePatterns.NAME)
    public PackageView get(@PathParam("name") PackageName name) {
        return views.view(name);
    }

    /** All packages, most downloaded ({@code sort=downloads}, the default) or recently updated first. */
    @GET
    @Path("/packages")
    public SearchPage list(@QueryParam("sort") @DefaultValue("downloads") String sort,
                           @QueryParam("page") @DefaultValue("1") Integer page,
                           @QueryParam("per_page") @DefaultValue("20") Integer perPage) {
        return search.search(null, SearchService.Sort.of(sort), page, perPage);
    }

    /** Full-text search over names, descriptions and keywords, best match first. */
    @GET
    @Path("/search")
    public SearchPage search(@QueryParam("q") String q, @QueryParam("sort") @DefaultValue("relevance") String sort,
                             @QueryParam("page") @DefaultValue("1") Integer page,
                             @QueryParam("per_page") @DefaultValue("20") Integer perPage,
                             @QueryParam("kind") String kind, @QueryParam("output") String output,
                             @QueryParam("signed") @DefaultValue("false") boolean signed) {
        return search.search(q, SearchService.Sort.of(sort), page, perPage, kind, output, signed);
    }
}
