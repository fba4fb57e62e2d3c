package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.List;

/** {@code ecli key generate|list|trust}: signing keys and the keys the trust policy trusts. */
final class KeyCommand extends BaseCommand<CommandSettings> {
    KeyCommand(PrintStream out, PrintStream err) {
        super("key", COMMON, CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Signing keys: make a key pair to sign packages with, list the keys ecli "
            + "knows, and trust a key (a publisher's, or a hub's build key) in $XDG_CONFIG_HOME/ebpm/policy.toml.");
    }

    @Override
    List<BaseCommand<?>> subcommands() {
        return List.of(new KeyGenerateCommand(out, err), new KeyListCommand(out, err), new KeyTrustCommand(out, err));
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(err);
        return ExitCodes.USAGE;
    }
}
