package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.format.meta.ObjectMeta;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The {@code ecli} command: its subcommands, exit codes and error printing, configured in one place. */
public final class Ecli {
    private Ecli() {
    }

    public static void main(String[] args) {
        // ecli's options take strings only: skip picocli's reflective set-up of converters for java.time,
        // java.sql and the like, and its terminal probing; together ~30 ms of every start.
        System.setProperty("picocli.converters.excludes", ".*");
        System.setProperty("picocli.ansi", "false");
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The one configured command line; tests use it too. Results go to {@code out}, messages to {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandSpec rootSpec = CommandSpec.create().name("ecli").versionProvider(Ecli::version);
        rootSpec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.")
            .build());
        rootSpec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Show ecli's version "
            + "and exit.").build());
        rootSpec.usageMessage().description("Run eBPF packages: eunomia-bpf's package.json and ebpm packages, from "
            + "files or from a registry.")
            .footer("", "See 'ecli COMMAND --help' for a command's options.", "",
                "Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 auth required or denied, 5 registry "
                    + "unreachable, 6 digest mismatch, 7 build failed, 70 internal error.");
        CommandLine root = new CommandLine(rootSpec);
        Map<String, BaseCommand> commands = new LinkedHashMap<>();
        commands.put("run", new RunCommand(out, err));
        commands.put("pull", new PullCommand(out, err));
        commands.put("push", new PushCommand(out, err));
        commands.put("search", new SearchCommand(out, err));
        commands.put("info", new InfoCommand(out, err));
        commands.put("login", new LoginCommand(out, err, false));
        commands.put("logout", new LoginCommand(out, err, true));
        commands.put("cache", new CacheCommand(out, err));
        commands.put("completion", new CompletionCommand(out, err, root));
        commands.forEach((name, command) -> root.addSubcommand(name, new CommandLine(command.spec())));

        PrintWriter errWriter = new PrintWriter(err, true);
        root.setOut(new PrintWriter(out, true));
        root.setErr(errWriter);
        root.setExecutionStrategy(parsed -> execute(parsed, commands, out, err));
        root.setParameterExceptionHandler((ex, args) -> {
            errWriter.println("ecli: " + ex.getMessage());
            errWriter.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more "
                + "information.");
            return ExitCodes.USAGE;
        });
        root.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            boolean verbose = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose");
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
        return root;
    }

    private static int execute(ParseResult parsed, Map<String, BaseCommand> commands, PrintStream out,
                               PrintStream err) throws CommandLine.ExecutionException {
        if (CommandLine.printHelpIfRequested(parsed)) {
            return ExitCodes.OK;
        }
        ParseResult sub = parsed.subcommand();
        if (sub == null) {
            parsed.commandSpec().commandLine().usage(err);
            return ExitCodes.USAGE;
        }
        try {
            return commands.get(sub.commandSpec().name()).run(sub);
        } catch (CommandLine.ExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandLine.ExecutionException(sub.commandSpec().commandLine(), e.getMessage() == null
                ? e.toString() : e.getMessage(), e);
        }
    }

    // Read only for --version, not at every start.
    private static String[] version() {
        Properties p = new Properties();
        try (InputStream in = Ecli.class.getResourceAsStream("/ecli.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unknown version is shown as such.
        }
        return new String[] {"ecli (ebpm) " + p.getProperty("ecli.version", "unknown"),
            "runs eunomia-bpf packages (format " + ObjectMeta.EUNOMIA_FORMAT_VERSION + ") and ebpm packages through "
                + "libbpf"};
    }
}
