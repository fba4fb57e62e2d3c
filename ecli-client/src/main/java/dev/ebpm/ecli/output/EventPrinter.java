package dev.ebpm.ecli.output;

import java.nio.ByteBuffer;

/** Prints events of the export maps, one per call. */
public interface EventPrinter {
    /** Called once, before any event. */
    void start();

    /** One event of map {@code map}: {@code size} bytes at {@code offset} in {@code data}. */
    void event(String map, ByteBuffer data, int offset, int size);

    /** Prints nothing ({@code --output none}). */
    EventPrinter NONE = new EventPrinter() {
        @Override
        public void start() {
        }

        @Override
        public void event(String map, ByteBuffer data, int offset, int size) {
        }
    };
}
