package dev.ebpm.ecli.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.Progress;
import dev.ebpm.ecli.registry.RegistryClient;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Follows a build until it is published or fails. The registry may restart while a worker compiles (the
 * worker then retries its report), so an unreachable or unavailable registry is asked again with backoff
 * until the timeout, not taken for the build's end.
 */
public final class BuildFollower {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RegistryClient client;
    private final PrintStream err;
    private final Duration timeout;

    public BuildFollower(RegistryClient client, PrintStream err, Duration timeout) {
        this.client = client;
        this.err = err;
        this.timeout = timeout;
    }

    /** The build's last state: succeeded or failed (with its log); a timeout is an error. */
    public JsonNode follow(JsonNode created, String what) {
        String id = created.path("id").asText();
        long started = System.nanoTime();
        Progress progress = Progress.forStderr(err);
        JsonNode b = created;
        Duration wait = POLL;
        String outage = null;
        while (outage != null || isActive(b.path("state").asText())) {
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            if (waited > timeout.toSeconds()) {
                progress.done();
                throw new EcliException(outage != null ? ExitCodes.UNREACHABLE : ExitCodes.BUILD_FAILED, "build " + id
                    + " of " + what + (outage != null ? ": " + outage : " is still " + b.path("state").asText())
                    + " after " + timeout.toSeconds() + " s; follow it at " + client.base() + "/api/v1/builds/" + id);
            }
            String state = b.path("state").asText();
            progress.status("build " + what + ": " + (outage != null ? "waiting for the registry"
                : state.equals("queued") ? "queued" : "compiling") + " (" + waited + " s)");
            sleep(wait);
            try {
                b = client.getJson("/api/v1/builds/" + id);
                if (outage != null) {
                    err.println("ecli: the registry answers again; following build " + id);
                }
                outage = null;
                wait = POLL;
            } catch (EcliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE) {
                    progress.done();
                    throw e;
                }
                if (outage == null) {
                    progress.done();
                    err.println("ecli: " + e.getMessage() + "; still following build " + id);
                }
                outage = e.getMessage();
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }
        progress.done();
        return b;
    }

    private static boolean isActive(String state) {
        return state.equals("queued") || state.equals("running");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EcliException.failed("interrupted");
        }
    }
}
