package dev.ebpm.registry.web;

import dev.ebpm.registry.catalog.SearchPage;
import dev.ebpm.registry.catalog.SearchService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the search page shows: the query and filters, one page of results, and links to the neighbours. */
public record SearchModel(String query, String kind, String output, boolean signed, SearchPage results,
                          List<String> kinds, List<String> outputs, String previous, String next, long pages) {
    static SearchModel of(String query, String kind, String output, boolean signed, SearchPage results) {
        long pages = Math.max(1, (results.total() + results.perPage() - 1) / results.perPage());
        String base = "/search?q=" + enc(query) + (kind == null ? "" : "&kind=" + enc(kind))
            + (output == null ? "" : "&output=" + enc(output)) + (signed ? "&signed=true" : "") + "&page=";
        return new SearchModel(query, kind, output, signed, results, SearchService.KINDS, SearchService.OUTPUTS,
            results.page() > 1 ? base + (results.page() - 1) : null,
            results.page() < pages ? base + (results.page() + 1) : null, pages);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
