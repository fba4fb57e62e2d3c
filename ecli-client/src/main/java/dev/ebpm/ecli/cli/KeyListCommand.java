package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.trust.KeyFiles;
import dev.ebpm.ecli.trust.TrustPolicy;
import dev.ebpm.format.trust.TrustedKey;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/** {@code ecli key list}: the keys in the keys directory, and those the trust policy trusts, with fingerprints. */
final class KeyListCommand extends BaseCommand<CommandSettings> {
    KeyListCommand(PrintStream out, PrintStream err) {
        super("list", COMMON, CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("List the public keys in $XDG_CONFIG_HOME/ebpm/keys and those the trust "
            + "policy trusts, each with its fingerprint (SHA-256 of the DER public key), and what the policy does.");
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        EcliConfig config = EcliConfig.fromEnvironment();
        out.println("keys in " + config.keysDir() + ":");
        for (TrustedKey k : KeyFiles.list(config.keysDir())) {
            out.println("  " + k.fingerprint() + "  " + k.name());
        }
        TrustPolicy policy = TrustPolicy.load(config);
        if (policy.file() == null) {
            out.println("no trust policy (" + config.policyFile() + " or " + TrustPolicy.SYSTEM + "): signatures are "
                + "not checked unless --verify says so");
            return ExitCodes.OK;
        }
        out.println("trust policy " + policy.file() + " (outside its rules: " + policy.mode().label() + "):");
        for (TrustPolicy.Rule r : policy.rules()) {
            out.println("  " + r.registry() + " " + String.join(",", r.names()) + ": " + r.mode().label());
            for (TrustedKey k : r.keys()) {
                out.println("    " + k.fingerprint() + "  " + k.name()
                    + (policy.revoked().containsKey(k.fingerprint()) ? "  (revoked)" : ""));
            }
        }
        policy.revoked().keySet().forEach(fp -> out.println("  revoked: " + fp));
        return ExitCodes.OK;
    }
}
