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
    private final BufferedOutputStream buffer;
    private final PrintStream out;

    public Output(OutputStream stream) {
        this.buffer = new BufferedOutputStream(stream, 1 << 16);
        this.out = new PrintStream(buffer, false, StandardCharsets.UTF_8);
    }

    public synchronized void line(String text) {
        out.print(text);
        out.print('\n');
    }

    /** Writes with the lock held, for a writer that produces a line in pieces. */
    public synchronized void write(Writer writer) {
        writer.writeTo(out);
    }

    /** Writes raw bytes with the lock held, for writers that encode themselves (JSON lines). */
    public synchronized void bytes(BytesWriter writer) {
        // PrintStream hands each print straight to the buffer, so raw bytes stay in order with lines.
        writer.writeTo(buffer);
    }

    public synchronized void flush() {
        out.flush();
    }

    /** Writes a line in pieces while holding the output. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(PrintStream out);
    }

    /** Writes encoded bytes while holding the output. */
    @FunctionalInterface
    public interface BytesWriter {
        void writeTo(OutputStream out);
    }
}
