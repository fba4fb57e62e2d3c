package dev.ebpm.format.values;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one value of a BTF type out of a buffer. Built once per type by {@link Decoders} and reused for
 * every event, so decoding an event walks a prepared plan instead of the BTF.
 */
public interface Decoder {
    /** Writes the value at {@code offset} as JSON. */
    void writeJson(ByteBuffer buf, int offset, JsonGenerator out) throws IOException;

    /** The value as a table cell: numbers plain, text raw, enums by name, anything nested as compact JSON. */
    String text(ByteBuffer buf, int offset);

    /** A width that fits most values of the type, for aligning table columns. */
    int typicalWidth();

    /** The value's size in bytes. */
    int size();

    /**
     * This decoder for a value of which only the first {@code available} bytes arrived (a record submitted
     * shorter than its struct): itself when the whole value is there, a shorter one for a cut {@code char[]},
     * array or struct, or null when no whole part of it arrived. A flexible array ({@code char args[]}, size
     * 0) grows to the bytes available.
     */
    default Decoder within(int available) {
        return available >= size() ? this : null;
    }
}
