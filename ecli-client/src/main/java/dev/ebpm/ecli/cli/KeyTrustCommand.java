package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.trust.KeyFiles;
import dev.ebpm.ecli.trust.TrustMode;
import dev.ebpm.ecli.trust.TrustPolicy;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.files.AtomicFiles;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.trust.PublicKeyPem;
import dev.ebpm.format.trust.TrustedKey;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ecli key trust FILE | --hub}: trust a public key for a registry's packages, by adding a rule to the
 * user's trust policy. With {@code --hub} the key is the registry's own build key, fetched from it once
 * (trust on first use: the fingerprint is printed to compare with one obtained another way).
 */
final class KeyTrustCommand extends BaseCommand<KeyTrustCommand.Settings> {
    static final class Settings extends CommandSettings {
        boolean useHub;
        final List<String> names = new ArrayList<>();
        TrustMode mode = TrustMode.REQUIRE;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(REGISTRY))
        .plus(OptionTable.of(
            Option.flag("--hub", "Trust the registry's own key, which signs the provenance of what its workers "
                + "build (fetched from its /api/v1/keys).", s -> s.useHub = true),
            Option.value("--names", "PATTERN", "Trust the key for these packages only (NAME, PREFIX*; default *).",
                (s, v) -> s.names.add(v)),
            Option.value("--mode", "MODE", "What the rule does with packages the key did not sign: require "
                + "(default), warn or off.", (s, v) -> s.mode = TrustMode.parse(v))));

    KeyTrustCommand(PrintStream out, PrintStream err) {
        super("trust", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Trust a public key for a registry's packages: the key is kept in "
            + "$XDG_CONFIG_HOME/ebpm/keys and a [[rule]] is added to $XDG_CONFIG_HOME/ebpm/policy.toml.");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("FILE").type(String.class)
            .description("A public key (PEM), e.g. a publisher's NAME.pub; not with --hub.").build());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        String file = parsed.matchedPositionalValue(0, null);
        if ((file == null) == !s.useHub) {
            throw EcliException.usage("give a public key FILE, or --hub for the registry's own key");
        }
        EcliConfig config = EcliConfig.fromEnvironment();
        PackageResolver resolver = PackageResolver.fromEnvironment(s.hub.build(), err);
        URI registry = resolver.registryOf(null);
        String host = TrustPolicy.authority(registry);
        TrustedKey key = s.useHub ? hubKey(resolver.client(registry)) : KeyFiles.readPublic(Path.of(file));
        String keyName = s.useHub ? "hub-" + host.replace(':', '_') : key.name();
        Path kept = config.keysDir().resolve(keyName + ".pub").toAbsolutePath();
        try {
            AtomicFiles.write(kept, key.pem().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw EcliException.failed("cannot write " + kept + ": " + e.getMessage());
        }
        List<String> names = s.names.isEmpty() ? List.of("*") : s.names;
        boolean modeHolds = TrustPolicy.addRule(config.policyFile(), host, names, s.mode, kept);
        out.println("trusting " + key.fingerprint() + " (" + keyName + ") for " + String.join(", ", names) + " at "
            + host + ": " + s.mode.label() + ", in " + config.policyFile());
        if (s.useHub) {
            err.println("ecli: the hub's key was fetched from " + registry + "; compare its fingerprint with one you "
                + "got another way (the hub's operator, its logs)");
        }
        if (!modeHolds) {
            err.println("ecli: an earlier rule in " + config.policyFile() + " covers these packages, so its mode still "
                + "decides; the key is trusted either way");
        }
        return ExitCodes.OK;
    }

    private static TrustedKey hubKey(RegistryClient client) {
        JsonNode keys = client.getJson("/api/v1/keys");
        for (JsonNode k : keys) {
            if ("hub".equals(k.path("kind").asText()) && !k.path("revoked").asBoolean(false)) {
                try {
                    return PublicKeyPem.read(k.path("publicKey").asText().getBytes(StandardCharsets.US_ASCII),
                        "the hub key of " + client.base(), "hub");
                } catch (PackageFormatException e) {
                    throw EcliException.failed(e.getMessage());
                }
            }
        }
        throw EcliException.failed(client.base() + " publishes no hub key (is it an ebpm registry?)");
    }
}
