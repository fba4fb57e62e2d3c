package dev.ebpm.registry.web;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/** READMEs as package pages show them, each rendered once: the markdown is the key, so nothing goes stale. */
@ApplicationScoped
public class Readmes {
    @CacheResult(cacheName = "readme-html")
    public String html(String markdown) {
        return Markdown.toHtml(markdown);
    }
}
