package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.options.CommonOptions;
import dev.ebpm.ecli.trust.VerifierWarmUp;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.options.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/** The {@code ecli} command: its subcommands, exit codes and error printing, configured in one place. */
public final class Ecli {
    private Ecli() {
    }

    public static void main(String[] args) {
        // ecli's options take strings only: skip picocli's reflective set-up of converters for java.time,
        // java.sql and the like, and its terminal probing; together ~30 ms of every start.
        System.setProperty("picocli.converters.excludes", ".*");
        System.setProperty("picocli.ansi", "false");
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("pull") || args[0].equals("verify"))) {
            VerifierWarmUp.startFor(java.util.List.of(args));
        }
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err, args.length > 0 ? args[0] : null).execute(args);
    }

    /** The one configured command line, with every command; tests use it too. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, null);
    }

    /**
     * The command line. Results go to {@code out}, messages to {@code err}. When {@code invoked} names a command
     * (not completion, which describes them all), only that one is built: the others' option tables and
     * specs are a measurable part of a start-up that runs one command.
     */
    private static CommandLine commandLine(PrintStream out, PrintStream err, String invoked) {
        CommandSpec rootSpec = CommandSpec.create().name("ecli").versionProvider(Ecli::version);
        rootSpec.addOption(OptionSpec.builder(CommonOptions.helpNames()).usageHelp(true)
            .description("Show this help and exit.").build());
        rootSpec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Show ecli's version "
            + "and exit.").build());
        rootSpec.usageMessage().description("Run eBPF packages: eunomia-bpf's package.json and ebpm packages, from "
            + "files or from a registry.")
            .footer("", "See 'ecli COMMAND --help' for a command's options.", "", ExitCodes.SUMMARY);
        CommandLine root = new CommandLine(rootSpec);
        Map<String, Supplier<BaseCommand<?>>> all = new LinkedHashMap<>();
        all.put("run", () -> new RunCommand(out, err));
        all.put("pull", () -> new PullCommand(out, err));
        all.put("push", () -> new PushCommand(out, err));
        all.put("search", () -> new SearchCommand(out, err));
        all.put("info", () -> new InfoCommand(out, err));
        all.put("check", () -> new CheckCommand(out, err));
        all.put("login", () -> new LoginCommand(out, err));
        all.put("logout", () -> new LogoutCommand(out, err));
        all.put("cache", () -> new CacheCommand(out, err));
        all.put("key", () -> new KeyCommand(out, err));
        all.put("sign", () -> new SignCommand(out, err));
        all.put("verify", () -> new VerifyCommand(out, err));
        all.put("completion", () -> new CompletionCommand(out, err, root));
        Map<CommandSpec, BaseCommand<?>> commands = new IdentityHashMap<>();
        boolean one = invoked != null && all.containsKey(invoked) && !invoked.equals("completion");
        for (Map.Entry<String, Supplier<BaseCommand<?>>> c : all.entrySet()) {
            if (!one || c.getKey().equals(invoked)) {
                root.addSubcommand(c.getKey(), register(c.getValue().get(), commands));
            }
        }
        PrintWriter errWriter = new PrintWriter(err, true);
        root.setOut(new PrintWriter(out, true));
        root.setErr(errWriter);
        root.setExecutionStrategy(parsed -> execute(parsed, commands, errWriter));
        root.setParameterExceptionHandler((ex, args) -> {
            errWriter.println("ecli: " + ex.getMessage());
            errWriter.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more "
                + "information.");
            return ExitCodes.USAGE;
        });
        return root;
    }

    private static CommandLine register(BaseCommand<?> command, Map<CommandSpec, BaseCommand<?>> commands) {
        CommandLine cl = new CommandLine(command.spec());
        commands.put(cl.getCommandSpec(), command);
        for (BaseCommand<?> sub : command.subcommands()) {
            cl.addSubcommand(sub.name(), register(sub, commands));
        }
        return cl;
    }

    /** Runs the deepest command given; every failure is one line (a stack trace only with --verbose). */
    private static int execute(ParseResult parsed, Map<CommandSpec, BaseCommand<?>> commands, PrintWriter err) {
        if (CommandLine.printHelpIfRequested(parsed)) {
            return ExitCodes.OK;
        }
        ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        BaseCommand<?> command = commands.get(leaf.commandSpec());
        if (command == null) {
            parsed.commandSpec().commandLine().usage(err);
            return ExitCodes.USAGE;
        }
        try {
            return command.execute(leaf);
        } catch (EcliException e) {
            err.println("ecli: error: " + e.getMessage());
            trace(command, e, err);
            return e.exitCode();
        } catch (UsageException e) {
            err.println("ecli: " + e.getMessage());
            err.println("Try '" + leaf.commandSpec().qualifiedName() + " --help' for more information.");
            trace(command, e, err);
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println("ecli: internal error: " + (e.getMessage() == null ? "an unexpected failure" : e.getMessage())
                + " (please report this; --verbose shows the stack trace)");
            trace(command, e, err);
            return ExitCodes.INTERNAL;
        }
    }

    private static void trace(BaseCommand<?> command, Exception e, PrintWriter err) {
        if (command.verbose()) {
            e.printStackTrace(err);
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
