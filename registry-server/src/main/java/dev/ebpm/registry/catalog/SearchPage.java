package dev.ebpm.registry.catalog;

import java.util.List;

/** One page of search results or of a listing; {@code total} counts all matches. */
public record SearchPage(String query, long total, int page, int perPage, List<SearchHit> results) {
}
