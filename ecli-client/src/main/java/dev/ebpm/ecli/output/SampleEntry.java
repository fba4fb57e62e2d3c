package dev.ebpm.ecli.output;

import java.nio.ByteBuffer;

/** One key and value read from a sampled map. */
public record SampleEntry(ByteBuffer key, ByteBuffer value) {
}
