package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/** {@code ecli completion}: prints a bash/zsh completion script; {@code source <(ecli completion)}. */
final class CompletionCommand extends BaseCommand<CommandSettings> {
    private final CommandLine root;

    CompletionCommand(PrintStream out, PrintStream err, CommandLine root) {
        super("completion", COMMON, CommandSettings::new, out, err);
        this.root = root;
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Print a bash/zsh completion script for ecli.", "",
            "Load it in the current shell with:  source <(ecli completion)");
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        out.print(AutoComplete.bash("ecli", root));
        out.flush();
        return ExitCodes.OK;
    }
}
