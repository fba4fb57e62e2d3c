package dev.ebpm.registry.web;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.builds.BuildService;
import dev.ebpm.registry.builds.BuildView;
import dev.ebpm.registry.catalog.CatalogStats;
import dev.ebpm.registry.catalog.CatalogViews;
import dev.ebpm.registry.catalog.SearchHit;
import dev.ebpm.registry.catalog.SearchPage;
import dev.ebpm.registry.catalog.SearchService;
import dev.ebpm.registry.http.RoutePatterns;
import dev.ebpm.registry.reference.VersionRef;
import dev.ebpm.registry.trust.SignatureService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

/** The catalog's pages: home, search, a package, a build. Each is one service call and one template. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class CatalogPages {
    static final int PER_PAGE = 20;
    private static final int CHART_DAYS = 30;

    @Inject CatalogViews views;
    @Inject CatalogStats stats;
    @Inject SearchService search;
    @Inject BuildService builds;
    @Inject Readmes readmes;
    @Inject SignatureService signatures;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(CatalogStats.Totals stats, List<SearchHit> recent, List<SearchHit> popular);

        static native TemplateInstance search(SearchModel model);

        static native TemplateInstance pkg(PackageModel model);

        static native TemplateInstance build(BuildView build, boolean running);
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(stats.totals(), search.search(null, SearchService.Sort.RECENT, 1, 8).results(),
            search.search(null, SearchService.Sort.DOWNLOADS, 1, 8).results());
    }

    @GET
    @Path("/search")
    public TemplateInstance search(@QueryParam("q") String q, @QueryParam("kind") String kind,
                                   @QueryParam("output") String output, @QueryParam("signed") boolean signed,
                                   @QueryParam("page") Integer page) {
        SearchPage results = search.search(q, SearchService.Sort.RELEVANCE, page == null || page < 1 ? 1 : page,
            PER_PAGE, kind, output, signed);
        return Templates.search(SearchModel.of(q == null ? "" : q, blankToNull(kind), blankToNull(output), signed,
            results));
    }

    @GET
    @Path("/packages/" + RoutePatterns.NAME)
    public TemplateInstance pkg(@PathParam("name") PackageName name, @QueryParam("version") VersionRef version,
                                @Context UriInfo uri) {
        CatalogViews.PackagePage page = views.page(name, version == null ? VersionRef.LATEST : version, CHART_DAYS);
        return Templates.pkg(PackageModel.of(page.pkg(), page.version(), readmes.html(page.version().readme()),
            DownloadChart.svg(page.dailyDownloads()), registryOf(uri),
            signatures.view(name.value(), Digest.parse(page.version().digests().manifest()))));
    }

    @GET
    @Path("/builds/{id}")
    public TemplateInstance build(@PathParam("id") UUID id) {
        BuildView b = builds.view(id);
        return Templates.build(b, b.state().equals("queued") || b.state().equals("running"));
    }

    private static String registryOf(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
