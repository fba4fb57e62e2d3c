package dev.ebpm.ecli.metrics;

import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.values.Decoder;

/** A map the run samples, as the metrics need it: its name, its {@code @sample} settings, its key and value. */
public record SampledMap(String map, MapSample sample, Decoder key, String keyName, Decoder value, String valueName) {
}
