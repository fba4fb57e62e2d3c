package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.flags.ProgramArgs;
import dev.ebpm.ecli.flags.ProgramFlags;
import dev.ebpm.ecli.flags.ProgramHelp;
import dev.ebpm.ecli.flags.RunOptionValues;
import dev.ebpm.ecli.run.ProgramRun;
import dev.ebpm.ecli.run.RunOptions;
import dev.ebpm.ecli.source.LoadedPackage;
import dev.ebpm.ecli.source.PackageSource;
import dev.ebpm.object.BpfObject;
import dev.ebpm.object.ObjectFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "run", sortOptions = false,
    description = {"Run a package in the kernel and print what it reports until Ctrl-C, SIGTERM or --duration.",
        "",
        "PACKAGE is a package.json or package.yaml (eunomia-bpf), an .ebpm file, an http(s) URL, or - for "
            + "standard input. Everything after PACKAGE goes to the program: its own flags "
            + "(ecli run PACKAGE --help lists them), and the run options below, which may also come after it."},
    footer = {"", "Examples:", "  sudo ecli run examples/opensnoop/package.json --pid_target $$ --duration 5",
        "  sudo ecli run --json sigsnoop.ebpm --signal 9",
        "  sudo ecli run tcpingress.ebpm --iface eth0"})
final class RunCommand extends BaseCommand {
    @Option(names = "--json", description = "Print events and samples as JSON lines.")
    boolean json;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until "
        + "Ctrl-C or SIGTERM).")
    String duration;

    @Option(names = "--iface", paramLabel = "NAME", description = "Attach tc and xdp programs to this interface.")
    String iface;

    @Option(names = "--ifindex", paramLabel = "N", description = "Attach tc and xdp programs to the interface with "
        + "this index.")
    String ifindex;

    @Option(names = "--uprobe-binary", paramLabel = "PATH", description = "Attach uprobes to this binary instead "
        + "of the one in the package.")
    String uprobeBinary;

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The package to run.")
    String packageRef;

    @Parameters(index = "1..*", paramLabel = "FLAG", description = "The program's flags.")
    List<String> programArgs = new ArrayList<>();

    @Override
    int doCall() {
        RunOptions options = new RunOptions();
        options.json = json;
        options.verbose = verbose;
        options.iface = iface;
        options.uprobeBinary = uprobeBinary;
        if (duration != null) {
            options.durationSeconds = RunOptionValues.duration(duration);
        }
        if (ifindex != null) {
            options.ifindex = RunOptionValues.ifindex(ifindex);
        }
        LoadedPackage pkg = PackageSource.load(packageRef, System.in);
        ProgramFlags flags;
        try {
            flags = ProgramFlags.of(pkg.meta(), BpfObject.parse(pkg.elf()), pkg.displayName());
        } catch (ObjectFormatException e) {
            throw dev.ebpm.ecli.EcliException.failed("bad package: " + e.getMessage());
        }
        ProgramArgs args = ProgramArgs.parse(programArgs, flags, options);
        if (args.help()) {
            out().print(ProgramHelp.render(flags));
            out().flush();
            return ExitCodes.OK;
        }
        Map<String, JsonNode> values = ProgramFlags.byVariable(args.values());
        return new ProgramRun(pkg, values, options, out(), err()).run();
    }
}
