package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.flags.ProgramArgs;
import dev.ebpm.ecli.flags.ProgramFlags;
import dev.ebpm.ecli.flags.ProgramHelp;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.options.RunCommandLine;
import dev.ebpm.ecli.metrics.MetricsOptions;
import dev.ebpm.ecli.metrics.RunMetrics;
import dev.ebpm.ecli.options.RunOptions;
import dev.ebpm.ecli.options.WasmOptions;
import dev.ebpm.ecli.resolve.Loaded;
import dev.ebpm.ecli.resolve.LoadedModule;
import dev.ebpm.ecli.resolve.LoadedPackage;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.run.ProgramRun;
import dev.ebpm.ecli.trust.TrustGate;
import dev.ebpm.ecli.wasm.WasmModuleFile;
import dev.ebpm.ecli.wasm.WasmRun;
import dev.ebpm.format.flags.ProgramFlag;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectFormatException;
import dev.ebpm.format.options.OptionTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ecli run PACKAGE [FLAGS]}: run a package in the kernel and print what it reports. ecli's options
 * may come before or after the package; {@link RunCommandLine} states which arguments are the program's.
 */
final class RunCommand extends BaseCommand<RunCommand.Settings> {
    static final class Settings extends CommandSettings {
        final RunOptions.Builder run = new RunOptions.Builder();
        final WasmOptions.Builder wasm = new WasmOptions.Builder();
        final MetricsOptions.Builder metrics = new MetricsOptions.Builder();
    }

    /** Every option of ecli's that a run command line may hold, before or after the package. */
    static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(OUTPUT))
        .plus(RunOptions.TABLE.on(s -> s.run))
        .plus(WasmOptions.TABLE.on(s -> s.wasm))
        .plus(MetricsOptions.TABLE.on(s -> s.metrics))
        .plus(BaseCommand.shared(REGISTRY.plus(PULL).plus(TRUST)));

    RunCommand(PrintStream out, PrintStream err) {
        super("run", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage()
            .description("Run a package in the kernel and print what it reports until Ctrl-C, SIGTERM or --duration.",
                "",
                "PACKAGE is a package in a registry (NAME, NAME:TAG, NAME@VERSION, NAME@sha256:..., "
                    + "NS/NAME:TAG, HOST[:PORT]/NS/NAME:TAG), a package.json or package.yaml (eunomia-bpf), an .ebpm "
                    + "file, an http(s) URL, or - for standard input. Registry packages are pulled, checked against "
                    + "their digests and cached.",
                "",
                "A WebAssembly (WASI, wasm-bpf) module, from a file, a URL, standard input or a registry, runs in "
                    + "ecli's own runtime with the arguments that follow it, memory capped by --wasm-max-memory, no files unless --dir gives some, and exits "
                    + "with the module's exit code.",
                "",
                "What follows PACKAGE is the program's flags (ecli run PACKAGE --help lists them), except the options "
                    + "below, which are ecli's wherever they stand. After a lone --, every flag is the program's: that "
                    + "is how to set a program flag named like one of ecli's.")
            .footer("", "Examples:", "  sudo ecli run sigsnoop:latest --duration 5",
                "  sudo ecli run examples/opensnoop/package.json --pid_target $$ --duration 5",
                "  sudo ecli run --json sigsnoop.ebpm --signal 9", "  sudo ecli run tcpingress.ebpm --iface eth0",
                "  sudo ecli run mytool.ebpm --duration 10 -- --duration 500   (the second is the program's)",
                "  ecli run --dry-run package.json --pid_target 42",
                "  ecli run tool.wasm --dir /tmp -- --help   (--help after -- is the module's)");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("PACKAGE").type(String.class)
            .description("The package to run.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1..*").arity("0..*").paramLabel("FLAG").type(String[].class)
            .auxiliaryTypes(String.class).description("The program's flags (and ecli's options).").build());
        spec.parser().stopAtPositional(true);
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        String ref = parsed.matchedPositionalValue(0, null);
        RunCommandLine line = RunCommandLine.split(List.of(parsed.matchedPositionalValue(1, new String[0])), OPTIONS, s);
        verbose(s.common.verbose());
        RunOptions options = s.run.build(s.output.json(), s.common.verbose());
        // Checked before anything is fetched: a bad address is a usage error, not a failed download.
        MetricsOptions metrics = s.metrics.build();
        HubOptions hub = s.hub.build();
        PackageResolver resolver = PackageResolver.fromEnvironment(hub, err);
        Loaded loaded = TrustGate.fromEnvironment(s.trust.build(), hub.offline(), err)
            .load(resolver, PackageResolver.reference(ref), System.in);
        if (loaded instanceof LoadedModule module) {
            return runWasm(module, line, s, options, metrics);
        }
        LoadedPackage pkg = (LoadedPackage) loaded;
        WasmOptions wasm = s.wasm.build();
        if (!wasm.dirs().isEmpty() || wasm.maxMemoryBytes() != WasmOptions.DEFAULT_MAX_MEMORY || !wasm.compiled()) {
            err.println("ecli: warning: " + WasmOptions.DIR + ", " + WasmOptions.MAX_MEMORY + " and " + WasmOptions.ENGINE
                + " apply to wasm modules; " + ref + " is not one");
        }
        BpfObject object;
        try {
            object = BpfObject.parse(pkg.elf());
        } catch (ObjectFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
        ProgramFlags flags = ProgramFlags.of(pkg.meta(), object, pkg.displayName());
        if (s.common.help()) {
            out.print(ProgramHelp.render(flags, OPTIONS));
            out.flush();
            return ExitCodes.OK;
        }
        warnShadowed(line, flags);
        Map<ProgramFlag, JsonNode> given = ProgramArgs.parse(line.program(), flags);
        return new ProgramRun(pkg, object, ProgramFlags.byVariable(given), options, metrics, out, err).run();
    }

    /** A WebAssembly module: what follows it on the command line (but ecli's options) is its arguments. */
    private int runWasm(LoadedModule loaded, RunCommandLine line, Settings s, RunOptions options,
                        MetricsOptions metrics) {
        if (s.common.help()) {
            throw EcliException.usage("--help after a wasm module is ecli's; give the module's own help flag after --");
        }
        WasmModuleFile module = WasmModuleFile.parse(loaded.name(), loaded.bytes());
        if (options.json() || options.iface() != null || options.ifindex() != 0 || options.uprobeBinary() != null
            || !options.disabled().isEmpty() || !options.maxEntries().isEmpty()) {
            err.println("ecli: warning: a wasm module attaches and prints for itself: the options for JSON output, "
                + "interfaces, uprobe binaries, disabled programs and map sizes do not apply to " + module.name());
        }
        if (options.dryRun()) {
            new WasmRun(module, line.program(), s.wasm.build(), options.durationSeconds(), options.verbose(),
                System.in, out, err).check();
            if (metrics != null) {
                RunMetrics.checkModule(metrics, module.name());
            }
            err.println("ecli: dry run of " + module.name() + ": the module, its imports and its memory are valid");
            return ExitCodes.OK;
        }
        // Bound before the module runs, so a port in use stops it before it loads anything.
        try (RunMetrics served = metrics == null ? null : RunMetrics.forModule(metrics, module.name())) {
            if (served != null) {
                err.println("ecli: serving metrics at " + served.url());
            }
            return new WasmRun(module, line.program(), s.wasm.build(), options.durationSeconds(), options.verbose(),
                System.in, out, err, served).run();
        }
    }

    /** An ecli option given after the package wins over a program flag of the same name: say so. */
    private void warnShadowed(RunCommandLine line, ProgramFlags flags) {
        for (String spelling : line.taken()) {
            if (flags.byName(spelling).isPresent()) {
                err.println("ecli: " + spelling + " was taken as ecli's own option; to set " + flags.program()
                    + "'s " + spelling + ", give it after --");
            }
        }
    }
}
