package dev.ebpm.ecli.output;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where events and samples go (stdout). Several pollers write to it, so every write takes its lock; it is
 * buffered, and flushed by {@link #flush()} after each batch, not after each line.
 */
public final class Output {
    private final PrintStream out;

    public Output(OutputStream stream) {
        this.out = new PrintStream(new BufferedOutputStream(stream, 1 << 16), false, StandardCharsets.UTF_8);
    }

    public synchronized void line(String text) {
        out.print(text);
        out.print('\n');
    }

    /** Writes with the lock held, for a writer that produces a line in pieces. */
    public synchronized void write(Writer writer) {
        writer.writeTo(out);
    }

    public synchronized void flush() {
        out.flush();
    }

    /** Writes a line in pieces while holding the output. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(PrintStream out);
    }
}
