package dev.ebpm.registry.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * READMEs as package pages show them, each rendered once. The markdown is the key, so nothing goes stale;
 * the cache is bounded by the characters it holds, since one README may be a megabyte.
 */
@ApplicationScoped
public class Readmes {
    private static final long MAX_CHARS = 32L << 20;

    private final Cache<String, String> rendered = Caffeine.newBuilder().maximumWeight(MAX_CHARS)
        .weigher((String markdown, String html) -> markdown.length() + html.length()).build();

    public String html(String markdown) {
        return markdown == null ? "" : rendered.get(markdown, Markdown::toHtml);
    }
}
