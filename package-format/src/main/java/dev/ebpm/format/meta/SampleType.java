package dev.ebpm.format.meta;

import java.util.Arrays;
import java.util.Optional;

/** How a sampled map is printed each interval. */
public enum SampleType {
    LOG2_HIST("log2_hist"), LINEAR_HIST("linear_hist"), DEFAULT_KV("default_kv");

    private final String json;

    SampleType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<SampleType> fromJson(String s) {
        return Arrays.stream(values()).filter(t -> t.json.equals(s)).findFirst();
    }
}
