package dev.ebpm.compiler.toolchain;

import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs toolchain commands with a time limit, inside a {@link Sandbox} when one is given, logging each
 * command line when the log is verbose. Error output is kept up to {@link #MAX_STDERR} bytes.
 */
public final class CommandRunner {
    /** Each output of each tool gets its own thread: a shared pool of two could deadlock on full pipes. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tool-output");
        t.setDaemon(true);
        return t;
    });

    /** A runaway expansion can print gigabytes of diagnostics; the first few MiB say what went wrong. */
    public static final int MAX_STDERR = 4 << 20;

    private final BuildLog log;
    private final Duration timeout;
    private final Sandbox sandbox;

    public CommandRunner(BuildLog log, Duration timeout) {
        this(log, timeout, Sandbox.NONE);
    }

    private CommandRunner(BuildLog log, Duration timeout, Sandbox sandbox) {
        this.log = log;
        this.timeout = timeout;
        this.sandbox = sandbox;
    }

    /** A runner that runs every command inside {@code sandbox}. */
    public CommandRunner within(Sandbox sandbox) {
        return new CommandRunner(log, timeout, sandbox);
    }

    /** Runs the command and collects both outputs. */
    public CommandResult run(List<String> command, Path workDir) throws CompileException {
        Outcome<byte[]> o = start(command, workDir, InputStream::readAllBytes).finish();
        return new CommandResult(o.exitCode(), o.value() == null ? new byte[0] : o.value(), o.stderr(), o.millis());
    }

    /**
     * Runs the command, handing its standard output to {@code stdoutReader} while it runs (for output too
     * large to hold, such as clang's AST); the reader's result replaces the collected stdout.
     */
    public <T> Running<T> start(List<String> command, Path workDir, StdoutReader<T> stdoutReader)
        throws CompileException {
        log.detail((sandbox == Sandbox.NONE ? "$ " : "$ [sandbox] ") + String.join(" ", command));
        long started = System.nanoTime();
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(sandbox.wrap(command, workDir));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new CompileException("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(
            () -> readText(process.getErrorStream()), READERS);
        CompletableFuture<T> stdout = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = process.getInputStream()) {
                return stdoutReader.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
        return new Running<>(command, process, stdout, stderr, started);
    }

    private static String readText(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_STDERR);
            long dropped = in.transferTo(OutputStream.nullOutputStream());
            String text = new String(kept, StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[… " + dropped + " more bytes of output cut]\n";
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads a process's standard output as it is produced. */
    @FunctionalInterface
    public interface StdoutReader<T> {
        T read(InputStream stdout) throws IOException;
    }

    /** A started command. */
    public final class Running<T> {
        private final List<String> command;
        private final Process process;
        private final CompletableFuture<T> stdout;
        private final CompletableFuture<String> stderr;
        private final long started;

        private Running(List<String> command, Process process, CompletableFuture<T> stdout,
                        CompletableFuture<String> stderr, long started) {
            this.command = command;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.started = started;
        }

        /** Waits for the end and returns the reader's result along with the exit status. */
        public Outcome<T> finish() throws CompileException {
            String tool = Path.of(command.get(0)).getFileName().toString();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new CompileException(tool + " did not finish within " + timeout.toSeconds() + " s");
                }
                String err = stderr.join();
                T value;
                try {
                    value = stdout.join();
                } catch (RuntimeException e) {
                    value = null;
                    if (process.exitValue() == 0) {
                        throw new CompileException("cannot read the output of " + tool + ": "
                            + rootMessage(e), "", e);
                    }
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                log.detail("  " + tool + " finished in " + millis + " ms (exit " + process.exitValue() + ")");
                return new Outcome<>(process.exitValue(), value, err, millis);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new CompileException(tool + " was interrupted");
            }
        }

        /** Stops the command if it is still running. */
        public void cancel() {
            process.destroyForcibly();
        }
    }

    /** What a started command ended with. */
    public record Outcome<T>(int exitCode, T value, String stderr, long millis) {
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
