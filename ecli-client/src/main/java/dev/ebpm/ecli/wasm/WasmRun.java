package dev.ebpm.ecli.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.metrics.RunMetrics;
import dev.ebpm.ecli.events.RunControl;
import dev.ebpm.ecli.options.WasmOptions;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a wasm-bpf module (a WASI command): {@code _start} on a thread of its own, with the module's arguments,
 * ecli's environment, standard streams, clocks and randomness, and no files unless {@code --dir} gave some.
 * The main thread waits for the module, {@code --duration}, Ctrl-C or SIGTERM; a stop interrupts the
 * module, which Chicory honours between instructions. The exit code is the module's own; a trap, a bad
 * import or memory over the cap is one line and a failure. Whatever BPF objects the module loaded are
 * detached and closed when the run ends, however it ends, once the module's thread has stopped.
 */
public final class WasmRun {
    private final RunMetrics metrics;
    private static final long JOIN_MILLIS = 5000;

    private final WasmModuleFile module;
    private final List<String> args;
    private final WasmOptions options;
    private final double durationSeconds;
    private final boolean verbose;
    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;

    /** {@code durationSeconds} negative: until the module returns or is stopped. */
    public WasmRun(WasmModuleFile module, List<String> args, WasmOptions options, double durationSeconds,
                   boolean verbose, InputStream in, OutputStream out, PrintStream err) {
        this(module, args, options, durationSeconds, verbose, in, out, err, null);
    }

    /** {@code metrics}: what the module's BPF side does, served while it runs; null for none. */
    public WasmRun(WasmModuleFile module, List<String> args, WasmOptions options, double durationSeconds,
                   boolean verbose, InputStream in, OutputStream out, PrintStream err, RunMetrics metrics) {
        this.metrics = metrics;
        this.verbose = verbose;
        this.module = module;
        this.args = List.copyOf(args);
        this.options = options;
        this.durationSeconds = durationSeconds;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs the module to its end; returns its exit code. */
    public int run() {
        return run(false);
    }

    /** Checks the module's imports and memory against what a run would give it, and runs nothing. */
    public void check() {
        run(true);
    }

    private int run(boolean dryRun) {
        List<String> argv = new ArrayList<>();
        argv.add(module.name());
        argv.addAll(args);
        WasiOptions.Builder wasi = WasiOptions.builder().withArguments(argv).withStdin(in, false)
            .withStdout(out, false).withStderr(err, false).withThrowOnExit0(true);
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            wasi.withEnvironment(e.getKey(), e.getValue());
        }
        options.dirs().forEach((guest, host) -> wasi.withDirectory(guest, host));
        try (WasiPreview1 preview1 = WasiPreview1.builder().withOptions(wasi.build()).build();
             WasmBpfHost bpf = new WasmBpfHost(err, verbose, metrics)) {
            List<HostFunction> host = new ArrayList<>(Arrays.asList(preview1.toHostFunctions()));
            host.addAll(bpf.functions());
            module.checkImports(host);
            if (dryRun) {
                module.limits(options.maxPages());
                return 0;
            }
            Instance instance = instantiate(host);
            ExportFunction start = export(instance);
            return runToEnd(instance, start);
        } finally {
            out(out);
        }
    }

    private Instance instantiate(List<HostFunction> host) {
        MemoryLimits limits = module.limits(options.maxPages());
        Instance.Builder b = Instance.builder(module.module())
            .withImportValues(ImportValues.builder().withFunctions(List.copyOf(host)).build())
            .withStart(false);
        if (limits != null) {
            b.withMemoryLimits(limits);
        }
        try {
            if (options.compiled()) {
                b.withMachineFactory(MachineFactoryCompiler.compile(module.module()));
            }
            return b.build();
        } catch (ChicoryException e) {
            throw EcliException.failed("wasm module " + module.name() + " cannot be instantiated: " + e.getMessage());
        }
    }

    private ExportFunction export(Instance instance) {
        try {
            return instance.export("_start");
        } catch (ChicoryException | IllegalArgumentException e) {
            throw EcliException.failed("wasm module " + module.name() + " has no _start function: it must be a WASI "
                + "command (a main), not a library");
        }
    }

    private int runToEnd(Instance instance, ExportFunction start) {
        RunControl control = new RunControl();
        AtomicReference<Integer> exit = new AtomicReference<>();
        Thread main = new Thread(() -> {
            try {
                start.apply();
                exit.set(0);
            } catch (WasiExitException e) {
                exit.set(e.exitCode());
            } catch (ChicoryInterruptedException e) {
                // Stopped by ecli: the run ends as a stopped declarative run does.
            } catch (AbiException e) {
                control.fail(EcliException.failed("wasm module " + module.name() + ": " + e.getMessage()));
            } catch (EcliException e) {
                control.fail(e);
            } catch (RuntimeException | StackOverflowError e) {
                control.fail(trap(instance, e));
            } finally {
                control.stop();
            }
        }, "wasm-" + module.name());
        main.setDaemon(true);
        control.stopOnSignals();
        main.start();
        try {
            control.awaitDuration(durationSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        main.interrupt();
        try {
            main.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (main.isAlive()) {
            throw EcliException.failed("wasm module " + module.name() + " did not stop within " + JOIN_MILLIS / 1000
                + " s of being interrupted");
        }
        if (control.error() != null) {
            throw control.error();
        }
        Integer code = exit.get();
        String cap = code == null || code == 0 ? "" : capNote(instance);
        if (!cap.isEmpty()) {
            err.println("ecli: wasm module " + module.name() + " exited with " + code + cap);
        }
        return code == null ? 0 : code;
    }

    /** The one line a failed module gets: what trapped, and whether it had hit the memory cap. */
    private EcliException trap(Instance instance, Throwable e) {
        String what = e instanceof StackOverflowError ? "call stack exhausted" : e.getMessage();
        String cap = capNote(instance);
        EcliException failure = EcliException.failed("wasm module " + module.name() + " trapped: "
            + (what == null ? e.getClass().getSimpleName() : what) + cap);
        failure.initCause(e);
        return failure;
    }

    /** Says so when the module's memory grew up to the cap: a likely reason for a failure. */
    private String capNote(Instance instance) {
        try {
            // A module asking for more than the cap sees memory.grow fail (malloc returns NULL); near the cap means that.
            if (instance.memory() != null && instance.memory().pages() + 16 >= options.maxPages()) {
                return " (its memory had grown to within 1 MiB of the cap of " + options.maxPages() * 64 + " KiB, --wasm-max-memory)";
            }
        } catch (RuntimeException ignored) {
            // No memory to report on.
        }
        return "";
    }

    private static void out(OutputStream out) {
        try {
            out.flush();
        } catch (java.io.IOException e) {
            // Nothing more to write.
        }
    }
}
