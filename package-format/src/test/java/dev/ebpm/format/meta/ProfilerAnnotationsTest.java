package dev.ebpm.format.meta;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @perfevent} on a perf_event program and {@code @stacks} on a map that counts stacks. */
class ProfilerAnnotationsTest {
    private static PerfEventOptions perf(String json) {
        return PerfEventOptions.read(JsonFields.of(Json.parse(json), "@perfevent"));
    }

    private static MapStacks stacks(String json) {
        return MapStacks.read(JsonFields.of(Json.parse(json), "@stacks"));
    }

    @Test
    void aPerfEventSamplesByFrequencyOrPeriod() {
        assertThat(perf("{}")).isEqualTo(PerfEventOptions.DEFAULT);
        assertThat(perf("{\"frequency\": 99}").describe()).isEqualTo("99 Hz");
        assertThat(perf("{\"period\": 1000000}").describe()).isEqualTo("every 1000000 ns of CPU time");
        assertThatThrownBy(() -> perf("{\"frequency\": 99, \"period\": 5000}"))
            .isInstanceOf(PackageFormatException.class).hasMessage("@perfevent.period: cannot be given with "
                + "frequency: one or the other");
        assertThatThrownBy(() -> perf("{\"frequency\": 1000000}")).isInstanceOf(PackageFormatException.class)
            .hasMessageStartingWith("@perfevent.frequency: ");
        assertThatThrownBy(() -> perf("{\"freq\": 99}")).isInstanceOf(PackageFormatException.class)
            .hasMessage("@perfevent.freq: is not a perf_event setting (frequency or period)");
    }

    @Test
    void stacksNameTheirMapAndAtLeastOneIdField() {
        assertThat(stacks("{\"map\": \"stacks\", \"user\": \"ustack\"}"))
            .isEqualTo(new MapStacks("stacks", null, "ustack", MapStacks.DEFAULT_TOP));
        assertThatThrownBy(() -> stacks("{\"kernel\": \"k\"}")).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("map");
        assertThatThrownBy(() -> stacks("{\"map\": \"s\", \"kernel\": \"k\", \"top\": 0}"))
            .isInstanceOf(PackageFormatException.class).hasMessageStartingWith("@stacks.top: ");
        assertThatThrownBy(() -> stacks("{\"map\": \"s\", \"kernel\": \"k\", \"depth\": 3}"))
            .isInstanceOf(PackageFormatException.class).hasMessage("@stacks.depth: is not a @stacks setting (map, "
                + "kernel, user, top)");
    }
}
