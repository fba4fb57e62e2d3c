package dev.ebpm.ecli.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** What every ecli subcommand shares: where it prints, and {@link #doCall()} returning the exit code. */
abstract class BaseCommand implements Callable<Integer> {
    @ParentCommand
    Ecli ecli;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Show more: libbpf's messages, and stack traces "
        + "on errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    /** Results go to stdout. */
    PrintStream out() {
        return ecli.out;
    }

    /** Messages and errors go to stderr. */
    PrintStream err() {
        return ecli.err;
    }

    @Override
    public final Integer call() throws Exception {
        return doCall();
    }

    abstract int doCall() throws Exception;
}
