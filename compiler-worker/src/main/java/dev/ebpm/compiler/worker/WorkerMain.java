package dev.ebpm.compiler.worker;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.compiler.toolchain.Bubblewrap;
import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.compiler.toolchain.SandboxLimits;
import dev.ebpm.compiler.toolchain.Toolchain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code ebpm-worker}: the compile worker service. Settings come from options or the environment:
 * {@code --registry URL} ({@code EBPM_REGISTRY}, default http://localhost:8080), {@code --token}
 * ({@code EBPM_WORKER_TOKEN}, a token of scope worker), {@code --name} (host name), {@code --work-dir}
 * ({@code EBPM_WORKER_DIR}), {@code --poll SECONDS}, {@code --cpu-seconds}, {@code --memory-mib},
 * {@code --timeout-seconds}, {@code --once}, {@code --no-sandbox} (trusted sources only).
 */
public final class WorkerMain {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private WorkerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        WorkerSettings settings;
        try {
            settings = parse(args, env);
        } catch (IllegalArgumentException e) {
            System.err.println("ebpm-worker: " + e.getMessage());
            return 2;
        }
        if (settings == null) {
            return 0;
        }
        try {
            Bubblewrap sandbox = settings.sandbox() ? Bubblewrap.locate(settings.limits()) : null;
            Files.createDirectories(settings.workDir());
            BuildCache cache = new BuildCache(settings.workDir().resolve("cache"));
            // A missing or broken clang would otherwise fail every leased build as if the sources were wrong.
            Toolchain.discover(Toolchain.Overrides.NONE, new CommandRunner(BuildLog.silent(),
                settings.toolTimeout()), cache);
            BpfCompiler.Factory compilers = log -> new BpfCompiler(cache, log, settings.toolTimeout(), sandbox);
            say("worker " + settings.name() + " leasing builds from " + settings.registry()
                + (sandbox == null ? " (NO SANDBOX: trusted sources only)" : " (sandboxed with bubblewrap)"));
            int builds = new Worker(settings, compilers, WorkerMain::say).run();
            say("done after " + builds + " build(s)");
            return 0;
        } catch (CompileException | IllegalStateException e) {
            System.err.println("ebpm-worker: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 0;
        } catch (IOException e) {
            System.err.println("ebpm-worker: cannot use the work directory " + settings.workDir() + ": "
                + e.getMessage());
            return 1;
        }
    }

    private static void say(String line) {
        System.out.println(LocalTime.now().format(TIME) + " " + line);
        System.out.flush();
    }

    static WorkerSettings parse(String[] args, Map<String, String> env) {
        String registry = env.getOrDefault("EBPM_REGISTRY", "http://localhost:8080");
        String token = env.get("EBPM_WORKER_TOKEN");
        String name = hostName();
        Path workDir = Path.of(env.getOrDefault("EBPM_WORKER_DIR",
            System.getProperty("java.io.tmpdir") + "/ebpm-worker"));
        long poll = 2;
        long cpu = SandboxLimits.DEFAULT.cpuSeconds();
        long memoryMib = SandboxLimits.DEFAULT.memoryBytes() >> 20;
        long timeout = 300;
        boolean sandbox = true;
        boolean once = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--registry" -> registry = value(args, ++i, a);
                case "--token" -> token = value(args, ++i, a);
                case "--name" -> name = value(args, ++i, a);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
                case "--poll" -> poll = number(value(args, ++i, a), a);
                case "--cpu-seconds" -> cpu = number(value(args, ++i, a), a);
                case "--memory-mib" -> memoryMib = number(value(args, ++i, a), a);
                case "--timeout-seconds" -> timeout = number(value(args, ++i, a), a);
                case "--once" -> once = true;
                case "--no-sandbox" -> sandbox = false;
                case "-h", "--help" -> {
                    System.out.println(HELP);
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (see --help)");
            }
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: pass --token or set EBPM_WORKER_TOKEN to a registry token "
                + "of scope worker");
        }
        URI uri;
        try {
            uri = URI.create(registry.endsWith("/") ? registry : registry + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry: not a URL: " + registry);
        }
        return new WorkerSettings(uri, token, name, workDir.toAbsolutePath(), Duration.ofSeconds(poll),
            new SandboxLimits(cpu, memoryMib << 20, SandboxLimits.DEFAULT.fileSizeBytes()), Duration.ofSeconds(timeout),
            sandbox, once);
    }

    private static final String HELP = """
        Usage: ebpm-worker [options]
        Leases compile builds from an ebpm registry, compiles them in a bubblewrap sandbox and reports the
        packages (or the logs) back, until stopped.

          --registry URL        the registry (EBPM_REGISTRY; default http://localhost:8080)
          --token TOKEN         a registry token of scope worker (EBPM_WORKER_TOKEN)
          --name NAME           this worker's name in build logs (default: the host name)
          --work-dir DIR        where builds are unpacked (EBPM_WORKER_DIR; default $TMPDIR/ebpm-worker)
          --poll SECONDS        wait between leases when nothing is queued (default 2)
          --cpu-seconds N       CPU time for each compiler run (default 60)
          --memory-mib N        address space for each compiler run (default 4096)
          --timeout-seconds N   wall time for each compiler run (default 300)
          --once                stop after one build
          --no-sandbox          compile without bubblewrap (only for sources you trust)
        """;

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String v, String option) {
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected a positive number, got " + v);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
