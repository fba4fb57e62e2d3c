package dev.ebpm.ecli.output;

import dev.ebpm.format.values.Decoders;

/** How one export map's events are decoded: the struct's chosen fields, and the event size it expects. */
public record EventLayout(String map, Decoders.Composite decoder) {
}
