package dev.ebpm.ecli.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * ecli run as a real process (its own JVM, as users run it), with its output collected as it comes, so a
 * test can wait until the programs are attached, make the kernel do something, and stop it with a signal.
 */
public final class EcliProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private EcliProcess(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), out);
        this.errReader = reader(process.getErrorStream(), err);
    }

    /** Starts {@code ecli ARGS...} in a JVM on this test's classpath. */
    public static EcliProcess start(String... args) {
        return startWithPrefix(List.of(), args);
    }

    /** Starts ecli with extra environment variables (its config and cache directories, say). */
    public static EcliProcess startWithEnv(Map<String, String> env, String... args) {
        return start(List.of(), env, args);
    }

    /** Runs ecli with extra environment variables to the end (at most {@code seconds}). */
    public static EcliProcess runWithEnv(long seconds, Map<String, String> env, String... args) {
        EcliProcess p = startWithEnv(env, args);
        p.waitFor(seconds);
        return p;
    }

    /** Starts ecli under a wrapper command, such as {@code setpriv} dropping capabilities. */
    public static EcliProcess startWithPrefix(List<String> prefix, String... args) {
        return start(prefix, Map.of(), args);
    }

    /** Starts ecli under a wrapper command with extra environment variables. */
    public static EcliProcess startWithPrefixAndEnv(List<String> prefix, Map<String, String> env, String... args) {
        return start(prefix, env, args);
    }

    private static EcliProcess start(List<String> prefix, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            "dev.ebpm.ecli.cli.Ecli"));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            return new EcliProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ecli ARGS...} to the end (at most {@code seconds}). */
    public static EcliProcess run(long seconds, String... args) {
        EcliProcess p = start(args);
        p.waitFor(seconds);
        return p;
    }

    private static Thread reader(java.io.InputStream stream, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until ecli says its programs are attached; fails with ecli's output if it ends first. */
    public EcliProcess awaitRunning(long seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            if (err.stream().anyMatch(l -> l.startsWith("ecli: running "))) {
                return this;
            }
            if (!process.isAlive()) {
                waitFor(5);
                throw new AssertionError("ecli ended (exit " + process.exitValue() + ") before running:\n"
                    + String.join("\n", err) + "\n" + String.join("\n", out));
            }
            sleep(20);
        }
        throw new AssertionError("ecli did not start running within " + seconds + " s:\n" + String.join("\n", err));
    }

    /** Waits until some stdout line contains {@code text} (for events the test caused). */
    public boolean awaitOutput(String text, long seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            if (out.stream().anyMatch(l -> l.contains(text))) {
                return true;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        return out.stream().anyMatch(l -> l.contains(text));
    }

    public void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int waitFor(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ecli did not end within " + seconds + " s:\n" + String.join("\n", err));
            }
            outReader.join(2000);
            errReader.join(2000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    public List<String> out() {
        return List.copyOf(out);
    }

    public List<String> err() {
        return List.copyOf(err);
    }

    public String outText() {
        return String.join("\n", out);
    }

    public String errText() {
        return String.join("\n", err);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("TERM");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
