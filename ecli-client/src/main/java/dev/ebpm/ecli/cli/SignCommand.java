package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.options.TrustOptions;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.trust.KeyFiles;
import dev.ebpm.ecli.trust.PackageSigner;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.trust.SigningKey;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/** {@code ecli sign REF --key KEYFILE}: sign a package's manifest digest, as cosign sign --key does. */
final class SignCommand extends BaseCommand<SignCommand.Settings> {
    static final class Settings extends CommandSettings {
        final TrustOptions.Signing signing = new TrustOptions.Signing();
    }

    static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(REGISTRY))
        .plus(TrustOptions.SIGNING.on(s -> s.signing));

    SignCommand(PrintStream out, PrintStream err) {
        super("sign", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Sign a package in a registry (needs 'ecli login'): a cosign simple-signing "
            + "payload naming the package's manifest digest, signed with ECDSA-SHA256 and attached as an OCI 1.1 "
            + "referrer (or under cosign's sha256-<hex>.sig tag where the registry has no referrers API). cosign "
            + "verify --key verifies it, and so does ecli run --verify require with the public key trusted.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("REF").type(String.class)
            .description("NAME[:TAG|@VERSION|@sha256:DIGEST], optionally HOST[:PORT]/ in front.").build());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        if (s.signing.key() == null) {
            throw EcliException.usage("give the key to sign with: " + TrustOptions.KEY + " KEYFILE");
        }
        SigningKey key = KeyFiles.readPrivate(s.signing.key());
        PackageReference ref = PackageResolver.registryReference(parsed.matchedPositionalValue(0, null));
        PackageResolver resolver = PackageResolver.fromEnvironment(s.hub.build(), err);
        out.println(sign(resolver.client(resolver.registryOf(ref)), ref.name(), ref.reference(), key));
        return ExitCodes.OK;
    }

    /** Signs what {@code name:reference} names now; the line to print. Shared with {@code push --sign}. */
    static String sign(RegistryClient client, String name, String reference, SigningKey key) {
        RegistryClient.Fetched m = client.manifest(name, reference);
        PackageSigner.Signed signed = new PackageSigner(client).sign(name, m.digest(), m.bytes().length, key);
        return "signed " + name + "@" + m.digest() + " with " + key.publicKey().describe() + " as " + signed.form()
            + " (" + signed.signature() + ")";
    }
}
