package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.flags.ProgramArgs;
import dev.ebpm.ecli.flags.ProgramFlags;
import dev.ebpm.ecli.flags.ProgramHelp;
import dev.ebpm.ecli.flags.RunOptionValues;
import dev.ebpm.ecli.run.ProgramRun;
import dev.ebpm.ecli.run.RunOptions;
import dev.ebpm.ecli.source.LoadedPackage;
import dev.ebpm.ecli.source.PackageSource;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectFormatException;
import dev.ebpm.format.reference.PackageReference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code ecli run PACKAGE [FLAGS]}: run a package in the kernel and print what it reports. */
final class RunCommand extends BaseCommand {
    RunCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    String name() {
        return "run";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().sortOptions(false)
            .description("Run a package in the kernel and print what it reports until Ctrl-C, SIGTERM or --duration.",
                "",
                "PACKAGE is a package in a registry (NAME, NAME:TAG, NAME@VERSION, NAME@sha256:..., "
                    + "NS/NAME:TAG, HOST[:PORT]/NS/NAME:TAG), a package.json or package.yaml (eunomia-bpf), an .ebpm "
                    + "file, an http(s) URL, or - for standard input. Registry packages are pulled, checked against "
                    + "their digests and cached. Everything after PACKAGE goes to the program: its own flags (ecli "
                    + "run PACKAGE --help lists them), and the run options below, which may also come after it.")
            .footer("", "Examples:", "  sudo ecli run sigsnoop:latest --duration 5",
                "  sudo ecli run examples/opensnoop/package.json --pid_target $$ --duration 5",
                "  sudo ecli run --json sigsnoop.ebpm --signal 9", "  sudo ecli run tcpingress.ebpm --iface eth0",
                "  ecli run --dry-run package.json --pid_target 42");
        spec.addOption(flag("--json", "Print events and samples as JSON lines."));
        spec.addOption(option("--duration", "SECONDS", "Stop after this long; 0 stops as soon as everything is "
            + "attached (default: until Ctrl-C or SIGTERM)."));
        spec.addOption(option("--iface", "NAME", "Attach tc and xdp programs to this interface."));
        spec.addOption(option("--ifindex", "N", "Attach tc and xdp programs to the interface with this index."));
        spec.addOption(option("--uprobe-binary", "PATH", "Attach uprobes to this binary instead of the one in the "
            + "package."));
        spec.addOption(flag("--dry-run", "Check the package, its flags and its edits, say what would be attached, "
            + "and stop before loading anything (no root needed)."));
        HubOptions.addRegistry(spec);
        HubOptions.addPull(spec);
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("PACKAGE").type(String.class)
            .description("The package to run.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1..*").arity("0..*").paramLabel("FLAG").type(String[].class)
            .auxiliaryTypes(String.class).description("The program's flags.").build());
        spec.parser().stopAtPositional(true);
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        RunOptions options = new RunOptions();
        options.json = parsed.hasMatchedOption("--json");
        options.verbose = parsed.hasMatchedOption("--verbose");
        options.dryRun = parsed.hasMatchedOption("--dry-run");
        options.iface = parsed.matchedOptionValue("--iface", null);
        options.uprobeBinary = parsed.matchedOptionValue("--uprobe-binary", null);
        String duration = parsed.matchedOptionValue("--duration", null);
        if (duration != null) {
            options.durationSeconds = RunOptionValues.duration(duration);
        }
        String ifindex = parsed.matchedOptionValue("--ifindex", null);
        if (ifindex != null) {
            options.ifindex = RunOptionValues.ifindex(ifindex);
        }
        String ref = parsed.matchedPositionalValue(0, null);
        String[] rest = parsed.matchedPositionalValue(1, new String[0]);

        PackageReference reference = HubOptions.reference(ref);
        HubOptions.Extracted hub = HubOptions.extract(List.of(rest));
        LoadedPackage pkg = reference.kind() == PackageReference.Kind.REGISTRY
            ? HubOptions.resolver(parsed, hub, err).resolve(reference).loaded() : PackageSource.load(ref, System.in);
        BpfObject object;
        try {
            object = BpfObject.parse(pkg.elf());
        } catch (ObjectFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
        ProgramFlags flags = ProgramFlags.of(pkg.meta(), object, pkg.displayName());
        ProgramArgs args = ProgramArgs.parse(hub.rest(), flags, options);
        if (args.help()) {
            out.print(ProgramHelp.render(flags));
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, JsonNode> values = ProgramFlags.byVariable(args.values());
        return new ProgramRun(pkg, object, values, options, out, err).run();
    }
}
