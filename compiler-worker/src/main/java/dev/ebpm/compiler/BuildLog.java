package dev.ebpm.compiler;

import java.io.PrintStream;

/**
 * What a compile tells its user: progress lines always, tool commands and timings only when verbose.
 * Everything is also kept, so a worker can return the whole log with a build.
 */
public final class BuildLog {
    private final PrintStream echo;
    private final boolean verbose;
    private final StringBuilder text = new StringBuilder();

    public BuildLog(PrintStream echo, boolean verbose) {
        this.echo = echo;
        this.verbose = verbose;
    }

    /** A log that only records. */
    public static BuildLog silent() {
        return new BuildLog(null, false);
    }

    public boolean verbose() {
        return verbose;
    }

    public synchronized void info(String line) {
        append(line);
    }

    public synchronized void detail(String line) {
        if (verbose) {
            append(line);
        }
    }

    /** Text a tool printed (clang's warnings, say), kept as it is. */
    public synchronized void output(String block) {
        if (block.isBlank()) {
            return;
        }
        text.append(block);
        if (!block.endsWith("\n")) {
            text.append('\n');
        }
        if (echo != null) {
            echo.print(block.endsWith("\n") ? block : block + "\n");
            echo.flush();
        }
    }

    private void append(String line) {
        text.append(line).append('\n');
        if (echo != null) {
            echo.println(line);
            echo.flush();
        }
    }

    public synchronized String text() {
        return text.toString();
    }
}
