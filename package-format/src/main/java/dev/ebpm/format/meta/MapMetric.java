package dev.ebpm.format.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.json.JsonFields;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code @metric} annotation of a map: the name and help text its Prometheus metric gets, instead of the
 * ones derived from the object and map names ({@code /// @metric {"name": "signals_sent", "help": "Signals
 * sent, by signal"}}). It is kept in the map's meta under {@code metric}, which eunomia's tools ignore.
 */
public record MapMetric(String name, String help) {
    public static final String KEY = "metric";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,99}");
    private static final int MAX_HELP = 300;

    /** The map's annotation, checked; empty when it has none. */
    public static Optional<MapMetric> of(MapMeta map) {
        JsonNode node = map.extras().get(KEY);
        return node == null ? Optional.empty() : Optional.of(read(JsonFields.of(node, "maps." + map.name() + "."
            + KEY)));
    }

    public static MapMetric read(JsonFields f) {
        String name = f.string("name");
        if (name != null && (!NAME.matcher(name).matches() || name.endsWith("_total") || name.endsWith("_bucket")
            || name.endsWith("_count") || name.endsWith("_sum") || name.endsWith("_created")
            || name.endsWith("_info"))) {
            throw f.invalid("name", "expected a metric name: lower-case letters, digits and _, at most 100, not "
                + "starting with a digit nor ending with a suffix the formats add (_total, _bucket, ...), found \""
                + name + "\"");
        }
        String help = f.string("help");
        if (help != null && (help.length() > MAX_HELP || help.chars().anyMatch(ch -> ch < 0x20))) {
            throw f.invalid("help", "expected one line of at most " + MAX_HELP + " characters");
        }
        return new MapMetric(name, help);
    }
}
