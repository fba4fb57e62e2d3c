package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.JsonFields;

import java.util.Set;

/**
 * The loader settings that sit directly on the meta object. Each is null when the package does not set it.
 * eunomia's own loader only honours {@code poll_timeout_ms} and {@code enable_multiple_export_types}.
 */
public record LoaderOptions(Long perfBufferPages, Long perfBufferTimeMs, Long pollTimeoutMs, Boolean debugVerbose,
                            Boolean printHeader, Boolean enableMultipleExportTypes) {
    public static final LoaderOptions NONE = new LoaderOptions(null, null, null, null, null, null);
    static final Set<String> KEYS = Set.of("perf_buffer_pages", "perf_buffer_time_ms", "poll_timeout_ms",
        "debug_verbose", "print_header", "enable_multiple_export_types");

    static LoaderOptions read(JsonFields f) {
        return new LoaderOptions(f.integer("perf_buffer_pages", 0, Long.MAX_VALUE),
            f.integer("perf_buffer_time_ms", 0, Long.MAX_VALUE),
            f.integer("poll_timeout_ms", Integer.MIN_VALUE, Integer.MAX_VALUE), f.bool("debug_verbose"),
            f.bool("print_header"), f.bool("enable_multiple_export_types"));
    }

    public long pollTimeoutMsOrDefault() {
        return pollTimeoutMs == null ? 100 : pollTimeoutMs;
    }

    public boolean multipleExportTypes() {
        return enableMultipleExportTypes != null && enableMultipleExportTypes;
    }

    void write(ObjectNode o) {
        MetaJson.putIfSet(o, "perf_buffer_pages", perfBufferPages);
        MetaJson.putIfSet(o, "perf_buffer_time_ms", perfBufferTimeMs);
        MetaJson.putIfSet(o, "poll_timeout_ms", pollTimeoutMs);
        MetaJson.putIfSet(o, "debug_verbose", debugVerbose);
        MetaJson.putIfSet(o, "print_header", printHeader);
        MetaJson.putIfSet(o, "enable_multiple_export_types", enableMultipleExportTypes);
    }
}
