package dev.ebpm.registry.web;

import dev.ebpm.format.Digest;
import io.quarkus.qute.TemplateGlobal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The pages' stylesheet and script, addressed by their content ({@code /static/ebpm.css?v=…}): Quarkus serves
 * static files as immutable, so a new release must change their URLs or browsers keep the old ones for a day.
 */
@TemplateGlobal
public final class Assets {
    static final String stylesheet = "/static/ebpm.css?v=" + version("ebpm.css");
    static final String script = "/static/ebpm.js?v=" + version("ebpm.js");

    private Assets() {
    }

    private static String version(String file) {
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/resources/static/" + file)) {
            if (in == null) {
                throw new IllegalStateException("static/" + file + " is missing from the jar");
            }
            return Digest.sha256(in.readAllBytes()).hex().substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
