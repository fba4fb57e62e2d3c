package dev.ebpm.ecli.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

import java.io.PrintStream;

/** {@code ecli completion}: prints a bash/zsh completion script; {@code source <(ecli completion)}. */
final class CompletionCommand extends BaseCommand {
    private final CommandLine root;

    CompletionCommand(PrintStream out, PrintStream err, CommandLine root) {
        super(out, err);
        this.root = root;
    }

    @Override
    String name() {
        return "completion";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().description("Print a bash/zsh completion script for ecli.", "",
            "Load it in the current shell with:  source <(ecli completion)");
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        out.print(AutoComplete.bash("ecli", root));
        out.flush();
        return 0;
    }
}
