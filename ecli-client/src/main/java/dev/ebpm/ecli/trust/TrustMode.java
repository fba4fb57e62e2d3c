package dev.ebpm.ecli.trust;

import dev.ebpm.format.options.UsageException;

import java.util.Locale;

/** What an untrusted package gets: refused ({@code require}), a warning ({@code warn}), or no check ({@code off}). */
public enum TrustMode {
    REQUIRE, WARN, OFF;

    public static TrustMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UsageException("a verify mode is require, warn or off, not \"" + text + "\"");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
