package dev.ebpm.compiler.cli;

import dev.ebpm.compiler.CompileException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The {@code ecc} command: compile a .bpf.c source into a package. */
public final class Ecc {
    private Ecc() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs ecc with its messages on {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream err) {
        EccCommand command = new EccCommand(err);
        CommandLine cli = commandLine(command, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(EccCommand command, PrintStream err) {
        CommandLine cli = new CommandLine(command);
        PrintWriter errWriter = new PrintWriter(err, true);
        cli.setErr(errWriter);
        cli.setOut(new PrintWriter(System.out, true));
        cli.setParameterExceptionHandler((ex, args) -> {
            errWriter.println("ecc: " + ex.getMessage());
            errWriter.println("Try 'ecc --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CompileException ce) {
                if (!ce.details().isBlank()) {
                    errWriter.print(ce.details().endsWith("\n") ? ce.details() : ce.details() + "\n");
                }
                errWriter.println("ecc: error: " + ce.getMessage());
                if (command.verbose()) {
                    ex.printStackTrace(errWriter);
                }
                return ExitCodes.FAILED;
            }
            errWriter.println("ecc: internal error: " + ex + " (please report this; -v shows the stack trace)");
            if (command.verbose()) {
                ex.printStackTrace(errWriter);
            }
            return ExitCodes.INTERNAL;
        });
        return cli;
    }
}
