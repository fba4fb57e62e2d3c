package dev.ebpm.format.meta;

import dev.ebpm.format.json.JsonFields;

import java.util.Set;

/**
 * How a {@code perf_event} program samples, from {@code /// @perfevent {"frequency": 99}} on its function
 * (clang ends a doc command's name at an underscore, hence no {@code _}): {@code frequency}, samples per
 * second on each CPU (49 unless set: off the beat of 50 and 100 Hz timers), or
 * {@code period}, one sample every so many nanoseconds of CPU time (the software cpu-clock event counts
 * nanoseconds); not both. eunomia ignores the key.
 */
public record PerfEventOptions(long frequency, long period) {
    public static final String KEY = "perfevent";
    public static final long DEFAULT_FREQUENCY = 49;
    /** The kernel's default {@code kernel.perf_event_max_sample_rate}. */
    public static final long MAX_FREQUENCY = 100_000;
    public static final PerfEventOptions DEFAULT = new PerfEventOptions(DEFAULT_FREQUENCY, 0);

    public static PerfEventOptions ofFrequency(long hz) {
        return new PerfEventOptions(hz, 0);
    }

    static PerfEventOptions read(JsonFields f) {
        for (String key : f.extras(Set.of("frequency", "period")).keySet()) {
            throw f.invalid(key, "is not a perf_event setting (frequency or period)");
        }
        Long frequency = f.integer("frequency", 1, MAX_FREQUENCY);
        Long period = f.integer("period", 1000, Long.MAX_VALUE);
        if (frequency != null && period != null) {
            throw f.invalid("period", "cannot be given with frequency: one or the other");
        }
        return period != null ? new PerfEventOptions(0, period) : frequency != null ? ofFrequency(frequency) : DEFAULT;
    }

    /** {@code 49 Hz} or {@code every 1000000 ns}. */
    public String describe() {
        return frequency > 0 ? frequency + " Hz" : "every " + period + " ns of CPU time";
    }
}
