package dev.ebpm.compiler.worker;

import dev.ebpm.compiler.toolchain.SandboxLimits;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;
import dev.ebpm.format.options.UsageException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ebpm-worker}'s command line, each option declared once in {@link #OPTIONS} (parsing and help both
 * come from it); the environment gives the defaults of the ones a container sets.
 */
final class WorkerOptions {
    static final OptionTable<WorkerOptions> OPTIONS = OptionTable.of(
        Option.value("--registry", "URL", "The registry (EBPM_REGISTRY; default http://localhost:8080).",
            (o, v) -> o.registry = v),
        Option.value("--token", "TOKEN", "A registry token of scope worker (EBPM_WORKER_TOKEN).", (o, v) -> o.token = v),
        Option.value("--name", "NAME", "This worker's name in build logs (default: the host name).",
            (o, v) -> o.name = v),
        Option.value("--work-dir", "DIR", "Where builds are unpacked (EBPM_WORKER_DIR; default $TMPDIR/ebpm-worker).",
            (o, v) -> o.workDir = Path.of(v)),
        Option.value("--poll", "SECONDS", "Wait between leases when nothing is queued (default 2).",
            (o, v) -> o.poll = OptionValues.positive("--poll", v, "a number of seconds")),
        Option.value("--cpu-seconds", "N", "CPU time for each compiler run (default 60).",
            (o, v) -> o.cpu = OptionValues.positive("--cpu-seconds", v, "a number of seconds")),
        Option.value("--memory-mib", "N", "Address space for each compiler run (default 4096).",
            (o, v) -> o.memoryMib = OptionValues.positive("--memory-mib", v, "a number of MiB")),
        Option.value("--timeout-seconds", "N", "Wall time for each compiler run (default 300).",
            (o, v) -> o.timeout = OptionValues.positive("--timeout-seconds", v, "a number of seconds")),
        Option.flag("--once", "Stop after one build.", o -> o.once = true),
        Option.flag("--no-sandbox", "Compile without bubblewrap (only for sources you trust).", o -> o.sandbox = false),
        Option.flag("-h, --help", "Show this help and exit.", o -> o.help = true));

    static final String USAGE = "Usage: ebpm-worker [OPTIONS]\n"
        + "Leases compile builds from an ebpm registry, compiles them in a bubblewrap sandbox and reports the\n"
        + "packages (or the logs) back, until stopped.\n\n";

    private String registry;
    private String token;
    private String name;
    private Path workDir;
    private long poll = 2;
    private long cpu = SandboxLimits.DEFAULT.cpuSeconds();
    private long memoryMib = SandboxLimits.DEFAULT.memoryBytes() >> 20;
    private long timeout = 300;
    private boolean sandbox = true;
    private boolean once;
    private boolean help;

    private WorkerOptions(Map<String, String> env) {
        registry = env.getOrDefault("EBPM_REGISTRY", "http://localhost:8080");
        token = env.get("EBPM_WORKER_TOKEN");
        workDir = Path.of(env.getOrDefault("EBPM_WORKER_DIR", System.getProperty("java.io.tmpdir") + "/ebpm-worker"));
    }

    /** The settings, or null when only help was asked for. */
    static WorkerSettings parse(String[] args, Map<String, String> env) {
        WorkerOptions o = new WorkerOptions(env);
        List<String> rest = OPTIONS.parse(List.of(args), o);
        if (o.help) {
            return null;
        }
        if (!rest.isEmpty()) {
            throw new UsageException("unexpected argument '" + rest.get(0) + "' (the worker takes options only)");
        }
        if (o.token == null || o.token.isBlank()) {
            throw new UsageException("no token: pass --token or set EBPM_WORKER_TOKEN to a registry token of scope "
                + "worker");
        }
        URI uri;
        try {
            uri = URI.create(o.registry.endsWith("/") ? o.registry : o.registry + "/");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--registry: not a URL: " + o.registry);
        }
        return new WorkerSettings(uri, o.token, o.name == null ? hostName() : o.name, o.workDir.toAbsolutePath(),
            Duration.ofSeconds(o.poll), new SandboxLimits(o.cpu, o.memoryMib << 20,
            SandboxLimits.DEFAULT.fileSizeBytes()), Duration.ofSeconds(o.timeout), o.sandbox, o.once);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
