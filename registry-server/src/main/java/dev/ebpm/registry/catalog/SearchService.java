package dev.ebpm.registry.catalog;

import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.SigstoreBundle;
import dev.ebpm.registry.db.NativeValues;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Full-text search over name, description and keywords (PostgreSQL {@code tsvector}, weighted A/B/C),
 * ranked by {@code ts_rank_cd} then downloads; every word of the query must match, as a prefix, either
 * exactly or after English stemming. Also the plain listings (most downloaded, recently updated).
 */
@ApplicationScoped
public class SearchService {
    public static final int MAX_PER_PAGE = 100;
    private static final int MAX_TERMS = 8;

    /** A query is a few words; the page echoes it, so it is bounded like any text that enters. */
    public static final int MAX_QUERY = 256;

    public enum Sort {
        RELEVANCE, DOWNLOADS, RECENT;

        /** {@code recent}, {@code relevance}, anything else (or nothing) by downloads. */
        public static Sort of(String text) {
            return "recent".equals(text) ? RECENT : "relevance".equals(text) ? RELEVANCE : DOWNLOADS;
        }
    }

    private final EntityManager em;

    SearchService(EntityManager em) {
        this.em = em;
    }

    /** Program kinds and output kinds a search may be narrowed to (as {@link VersionDetails} names them). */
    public static final List<String> KINDS = List.of("tracepoint", "raw_tracepoint", "tp_btf", "tracing", "lsm",
        "uprobe", "kprobe", "tc", "xdp", "perf_event");
    public static final List<String> OUTPUTS = List.of("events", "histogram", "samples", "none", "module");

    @Transactional
    public SearchPage search(String text, Sort sort, int page, int perPage) {
        return search(text, sort, page, perPage, null, null);
    }

    /**
     * Search narrowed to packages whose latest version has a program of {@code kind} and prints
     * {@code output} (either may be null).
     */
    @Transactional
    public SearchPage search(String text, Sort sort, int page, int perPage, String kind, String output) {
        return search(text, sort, page, perPage, kind, output, false);
    }

    /**
     * {@link #search(String, Sort, int, int, String, String)}, and with {@code signed} only packages whose
     * latest version has a cosign signature or a provenance bundle attached (whoever signed it: ecli decides
     * whom it trusts; the version's page says which keys this hub knows).
     */
    @Transactional
    public SearchPage search(String text, Sort sort, int page, int perPage, String kind, String output,
                             boolean signed) {
        Inputs.text("the search query", text, MAX_QUERY);
        kind = kind == null || kind.isBlank() ? null : kind;
        output = output == null || output.isBlank() ? null : output;
        if (kind != null && !KINDS.contains(kind)) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "kind must be one of " + String.join(", ", KINDS));
        }
        if (output != null && !OUTPUTS.contains(output)) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "output must be one of " + String.join(", ", OUTPUTS));
        }
        return run(text, sort, page, perPage, kind, output, signed);
    }

    private SearchPage run(String text, Sort sort, int page, int perPage, String kind, String output,
                           boolean signed) {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "page starts at 1 and per_page is 1 to "
                + MAX_PER_PAGE);
        }
        List<String> terms = terms(text);
        StringBuilder tsquery = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                tsquery.append(" && ");
            }
            tsquery.append("(to_tsquery('english', :t").append(i).append(") || to_tsquery('simple', :t")
                .append(i).append("))");
        }
        StringBuilder filters = new StringBuilder(" p.latest_version IS NOT NULL");
        if (kind != null) {
            filters.append(" AND EXISTS (SELECT 1 FROM package_version v WHERE v.package_id = p.id AND v.version = "
                + "p.latest_version AND v.details -> 'programs' @> jsonb_build_array(jsonb_build_object('kind', "
                + "CAST(:kind AS text))))");
        }
        if (output != null) {
            filters.append(" AND EXISTS (SELECT 1 FROM package_version v WHERE v.package_id = p.id AND v.version = "
                + "p.latest_version AND v.details ->> 'output' = :output)");
        }
        if (signed) {
            filters.append(" AND EXISTS (SELECT 1 FROM package_version v JOIN manifest pm ON pm.id = v.manifest_id "
                + "WHERE v.package_id = p.id AND v.version = p.latest_version AND (EXISTS (SELECT 1 FROM manifest a "
                + "WHERE a.repository = p.name AND a.subject = pm.digest AND a.artifact_type IN ('"
                + CosignArtifacts.SIG_ARTIFACT_TYPE + "', '" + SigstoreBundle.MEDIA_TYPE + "')) OR EXISTS (SELECT 1 "
                + "FROM attachment_tag t WHERE t.repository = p.name AND t.subject = pm.digest AND t.name LIKE "
                + "'%.sig')))");
        }
        String where = terms.isEmpty() ? "" : " WHERE p.search @@ q.query";
        String from = terms.isEmpty() ? "package p" : "package p, (SELECT " + tsquery + " AS query) q";
        String rank = terms.isEmpty() ? "0" : "ts_rank_cd(p.search, q.query)";
        String order = switch (terms.isEmpty() && sort == Sort.RELEVANCE ? Sort.DOWNLOADS : sort) {
            case RELEVANCE -> "rank DESC, p.downloads DESC, p.name";
            case DOWNLOADS -> "p.downloads DESC, p.name";
            case RECENT -> "p.updated_at DESC, p.name";
        };
        Query q = em.createNativeQuery("SELECT p.name, p.description, p.keywords, p.latest_version, p.downloads, "
            + "p.updated_at, " + rank + " AS rank, count(*) OVER () FROM " + from + where
            + (where.isEmpty() ? " WHERE" : " AND") + filters + " ORDER BY " + order
            + " LIMIT " + perPage + " OFFSET " + (long) (page - 1) * perPage);
        bind(q, terms, kind, output);
        long total = 0;
        List<SearchHit> hits = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] row = (Object[]) o;
            hits.add(new SearchHit((String) row[0], (String) row[1], NativeValues.strings(row[2]), (String) row[3],
                ((Number) row[4]).longValue(), NativeValues.time(row[5])));
            total = ((Number) row[7]).longValue();
        }
        if (hits.isEmpty() && page > 1) {
            Query c = em.createNativeQuery("SELECT count(*) FROM " + from + where + (where.isEmpty() ? " WHERE" : " AND")
                + filters);
            bind(c, terms, kind, output);
            total = ((Number) c.getSingleResult()).longValue();
        }
        return new SearchPage(text == null ? "" : text, total, page, perPage, hits);
    }

    private static void bind(Query q, List<String> terms, String kind, String output) {
        for (int i = 0; i < terms.size(); i++) {
            q.setParameter("t" + i, terms.get(i) + ":*");
        }
        if (kind != null) {
            q.setParameter("kind", kind);
        }
        if (output != null) {
            q.setParameter("output", output);
        }
    }

    /** Words of the query, reduced to what a tsquery lexeme may hold; punctuation separates words. */
    static List<String> terms(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(s -> !s.isEmpty())
            .distinct().limit(MAX_TERMS).toList();
    }
}
