package dev.ebpm.ecli.registry;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress display on stderr, redrawn at most ten times a second, shown only when stderr is a
 * terminal (Java cannot ask, so this reads where file descriptor 2 points).
 */
public final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    public Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    public static Progress forStderr(PrintStream err) {
        return new Progress(err, stderrIsTerminal());
    }

    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    public void bytes(String label, long done, long total) {
        update(label + " " + size(done) + (total > 0 ? " / " + size(total) + " " + bar(done, total) : ""), done == total);
    }

    public void status(String text) {
        update(text, false);
    }

    private synchronized void update(String line, boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\r\033[K" + line);
        err.flush();
    }

    /** Clears the line so the next message starts clean. */
    public synchronized void done() {
        if (enabled && drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = (int) Math.min(width, done * width / Math.max(1, total));
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? (bytes >> 10) + " KiB"
            : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
