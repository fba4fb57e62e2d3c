package dev.ebpm.ecli.output;

import java.util.List;

/** Takes each sample of a sampled map: the printer, the metrics, or both. */
public interface SampleSink {
    void sample(List<SampleEntry> entries);

    /** Both sinks, {@code first} first. */
    static SampleSink both(SampleSink first, SampleSink second) {
        return entries -> {
            first.sample(entries);
            second.sample(entries);
        };
    }

    /** Takes samples and prints nothing ({@code --output none}). */
    SampleSink NONE = entries -> { };
}
