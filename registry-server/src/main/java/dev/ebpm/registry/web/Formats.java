package dev.ebpm.registry.web;

import io.quarkus.qute.TemplateExtension;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** How the pages print sizes, dates and digests. */
@TemplateExtension
public final class Formats {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Formats() {
    }

    static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1 << 20 ? String.format("%.1f KiB", n / 1024.0)
            : String.format("%.1f MiB", n / 1048576.0);
    }

    static String day(OffsetDateTime t) {
        return t == null ? "" : t.format(DAY);
    }

    /** {@code sha256:0123456789ab…}: enough to recognise, the full value in a title. */
    static String shortDigest(String digest) {
        return digest == null || digest.length() < 19 ? digest : digest.substring(0, 19) + "…";
    }

    static String thousands(long n) {
        return String.format("%,d", n);
    }
}
