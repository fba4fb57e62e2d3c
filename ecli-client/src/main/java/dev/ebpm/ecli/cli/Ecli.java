package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.io.PrintWriter;

@Command(name = "ecli", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Run eBPF packages: eunomia-bpf's package.json and ebpm packages.",
    subcommands = {RunCommand.class, AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
    footer = {"", "See 'ecli help <command>' for a command's options."})
public final class Ecli implements Runnable {
    /** Results go to {@code out}, messages and errors to {@code err}. */
    final PrintStream out;
    final PrintStream err;

    @CommandLine.Spec
    CommandSpec spec;

    private Ecli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The one configured command line: its exit codes, error printing and streams. Tests use it too. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Ecli(out, err));
        cli.getSubcommands().get("run").setStopAtPositional(true);
        PrintWriter errWriter = new PrintWriter(err, true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler((ex, args) -> {
            errWriter.println("ecli: " + ex.getMessage());
            CommandLine sub = ex.getCommandLine();
            errWriter.println("Try '" + sub.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.subcommand() != null
                && parseResult.subcommand().hasMatchedOption("--verbose");
            if (ex instanceof EcliException e) {
                errWriter.println("ecli: error: " + e.getMessage());
                if (verbose) {
                    ex.printStackTrace(errWriter);
                }
                return e.exitCode();
            }
            errWriter.println("ecli: internal error: " + ex + " (please report this; --verbose shows the stack trace)");
            if (verbose) {
                ex.printStackTrace(errWriter);
            }
            return ExitCodes.INTERNAL;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(err);
    }
}
