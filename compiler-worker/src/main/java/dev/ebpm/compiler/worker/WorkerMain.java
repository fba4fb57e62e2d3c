package dev.ebpm.compiler.worker;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.compiler.toolchain.Bubblewrap;
import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.format.options.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code ebpm-worker}: the compile worker service. Settings come from options or the environment
 * ({@link WorkerOptions}); exit codes are {@link ExitCodes}.
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
            settings = WorkerOptions.parse(args, env);
        } catch (UsageException e) {
            System.err.println("ebpm-worker: " + e.getMessage());
            System.err.println("Try 'ebpm-worker --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (settings == null) {
            System.out.print(WorkerOptions.USAGE + WorkerOptions.OPTIONS.help(26, 110));
            return ExitCodes.OK;
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
            RegistryClient client = new RegistryClient(settings.registry(), settings.token(), Backoff.REPORTS,
                WorkerMain::say);
            int builds = new Worker(settings, client, compilers, WorkerMain::say).run();
            say("done after " + builds + " build(s)");
            return ExitCodes.OK;
        } catch (Worker.TokenRefusedException e) {
            System.err.println("ebpm-worker: " + e.getMessage());
            return ExitCodes.AUTH;
        } catch (CompileException | IllegalStateException e) {
            System.err.println("ebpm-worker: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            return ExitCodes.OK;
        } catch (IOException e) {
            System.err.println("ebpm-worker: cannot use the work directory " + settings.workDir() + ": "
                + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private static void say(String line) {
        System.out.println(LocalTime.now().format(TIME) + " " + line);
        System.out.flush();
    }
}
