package dev.ebpm.ecli.metrics;

import java.util.Locale;

/**
 * Metric and label names derived from package, map and field names: valid in Prometheus's legacy charset and
 * stable (the same package gives the same names on every run and every host).
 */
final class MetricNames {
    private MetricNames() {
    }

    /**
     * {@code ebpm_<object>_<map>[_<suffix>]}, every other character an underscore; the object's {@code .bpf}
     * (eunomia names objects after their {@code NAME.bpf.c}) and a suffix the map's name already ends with are
     * left out: sigsnoop's map {@code events} counts in {@code ebpm_sigsnoop_events_total}.
     */
    static String of(String object, String map, String suffix) {
        String base = word(object).replaceFirst("_bpf$", "");
        String m = word(map);
        boolean said = suffix == null || m.equals(word(suffix)) || m.endsWith("_" + word(suffix));
        String name = ("ebpm_" + base + "_" + m + (said ? "" : "_" + word(suffix)))
            .replaceAll("_+", "_");
        // The text formats add these suffixes themselves, so a name may not end with one.
        for (String reserved : new String[] {"_total", "_created", "_bucket", "_info", "_count", "_sum"}) {
            if (name.endsWith(reserved)) {
                return name + "_value";
            }
        }
        return name;
    }

    /** A label name: a field name with every other character an underscore, never starting with a digit or __. */
    static String label(String field) {
        String w = word(field);
        // le and quantile belong to histograms and summaries.
        if (w.isEmpty() || Character.isDigit(w.charAt(0)) || w.startsWith("__") || w.equals("le")
            || w.equals("quantile")) {
            w = "f_" + w;
        }
        return w;
    }

    private static String word(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
