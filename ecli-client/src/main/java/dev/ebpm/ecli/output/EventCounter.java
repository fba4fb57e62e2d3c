package dev.ebpm.ecli.output;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the events a printer printed and, when asked to, when the first and the last came. */
public final class EventCounter implements EventPrinter {
    private final EventPrinter printer;
    private final boolean timed;
    private final AtomicLong count = new AtomicLong();
    private volatile long first;
    private volatile long last;

    public EventCounter(EventPrinter printer, boolean timed) {
        this.printer = printer;
        this.timed = timed;
    }

    @Override
    public void start() {
        printer.start();
    }

    @Override
    public void event(String map, ByteBuffer data, int offset, int size) {
        printer.event(map, data, offset, size);
        if (count.getAndIncrement() == 0) {
            first = System.nanoTime();
        }
        if (timed) {
            last = System.nanoTime();
        }
    }

    public long count() {
        return count.get();
    }

    /** Seconds from the first event to the last; 0 unless timed. */
    public double span() {
        return timed && count.get() > 1 ? (last - first) / 1e9 : 0;
    }
}
