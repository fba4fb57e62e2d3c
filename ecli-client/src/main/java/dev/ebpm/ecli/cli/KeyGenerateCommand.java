package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.trust.KeyFiles;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/** {@code ecli key generate [--out DIR] [--name NAME] [--passphrase]}: an ECDSA P-256 key pair. */
final class KeyGenerateCommand extends BaseCommand<KeyGenerateCommand.Settings> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final class Settings extends CommandSettings {
        Path dir;
        String name = "ebpm";
        boolean ask;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON).plus(OptionTable.of(
        Option.value("--out", "DIR", "Write the key pair into DIR (default: $XDG_CONFIG_HOME/ebpm/keys).",
            (s, v) -> s.dir = Path.of(v)),
        Option.value("--name", "NAME", "Name the files NAME.key and NAME.pub (default: ebpm).", (s, v) -> {
            if (!NAME.matcher(v).matches()) {
                throw new dev.ebpm.format.options.UsageException("--name " + v + ": letters, digits, '.', '_', '-'");
            }
            s.name = v;
        }),
        Option.flag("--passphrase", "Encrypt the private key with a passphrase, asked for twice (or taken from "
            + KeyFiles.PASSPHRASE_ENV + ").", s -> s.ask = true)));

    KeyGenerateCommand(PrintStream out, PrintStream err) {
        super("generate", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Make a signing key pair: NAME.key (private, mode 0600, PKCS#8 PEM, encrypted "
                + "with --passphrase or when " + KeyFiles.PASSPHRASE_ENV + " is set) and NAME.pub (public PEM).",
            "The keys are ECDSA P-256, the type cosign generates: signatures made with them verify with cosign "
                + "and with openssl dgst -sha256 -verify.");
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        char[] pass = KeyFiles.passphraseFromEnvironment();
        if (pass == null && s.ask) {
            pass = KeyFiles.prompt("Passphrase for the new key: ");
            char[] again = KeyFiles.prompt("The same again: ");
            if (!Arrays.equals(pass, again)) {
                throw EcliException.usage("the passphrases differ; nothing was written");
            }
        }
        Path dir = s.dir != null ? s.dir : EcliConfig.fromEnvironment().keysDir();
        KeyFiles.Pair pair = KeyFiles.generate(dir, s.name, pass);
        out.println("private key: " + pair.privateFile() + (pass == null ? " (not encrypted)" : " (encrypted)"));
        out.println("public key:  " + pair.publicFile());
        out.println("fingerprint: " + pair.key().fingerprint());
        return ExitCodes.OK;
    }
}
