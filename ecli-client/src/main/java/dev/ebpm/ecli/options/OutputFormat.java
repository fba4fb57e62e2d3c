package dev.ebpm.ecli.options;

import dev.ebpm.format.options.UsageException;

import java.util.Locale;

/** What ecli prints: tables for people, JSON for programs, or nothing (a run that only serves metrics). */
public enum OutputFormat {
    TABLE, JSON, NONE;

    static OutputFormat parse(String option, String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + text + ": expected table, json or none");
        }
    }
}
