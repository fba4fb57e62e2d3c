package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.push.ArchVariants;
import dev.ebpm.ecli.push.BuildFollower;
import dev.ebpm.ecli.push.SourcePacker;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.Loaded;
import dev.ebpm.ecli.resolve.LoadedModule;
import dev.ebpm.ecli.resolve.LoadedPackage;
import dev.ebpm.ecli.resolve.LocalPackages;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.trust.KeyFiles;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageFormat;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.format.wasm.WasmModuleInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ecli push PACKAGE|DIR NAME:VERSION}: publish a built package, or send a directory of sources to
 * be compiled by the registry's workers and follow the build until it is published (or print its log).
 * {@code ecli push PACKAGE... NAME:VERSION}: publish one build per architecture as one version ({@link ArchVariants}).
 */
final class PushCommand extends BaseCommand<PushCommand.Settings> {
    static final class Settings extends CommandSettings {
        Duration timeout = Duration.ofSeconds(600);
        Path sign;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(REGISTRY))
        .plus(OptionTable.of(Option.value("--timeout", "SECONDS", "How long to wait for a build (default 600).",
            (s, v) -> s.timeout = Duration.ofSeconds(OptionValues.positive("--timeout", v,
                "a number of seconds"))),
            Option.value("--sign", "KEYFILE", "Sign the published package with this private key, as ecli sign does "
                + "(after the build, for sources).", (s, v) -> s.sign = Path.of(v))));

    PushCommand(PrintStream out, PrintStream err) {
        super("push", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Publish a package to a registry (needs 'ecli login').", "",
            "PACKAGE (an .ebpm file, eunomia-bpf's package.json/yaml, or a wasm-bpf module such as ecc --wasm's "
                + "app.wasm) is published as NAME:VERSION. A DIR of sources (one *.bpf.c, its headers, a README.md, "
                + "and for a wasm-bpf tool the user-space NAME.c) is compiled by the registry's workers: ecli waits "
                + "for the build (through registry restarts) and prints its log if it fails.");
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("2..*").type(List.class)
            .auxiliaryTypes(String.class).paramLabel("PACKAGE|DIR... NAME:VERSION").hideParamSyntax(true)
            .description("What to publish, then the name and version to publish it as (e.g. tools/sigsnoop:1.0.0). "
                + "Several packages, each built for one architecture (ecc --target-arch), are published as one "
                + "version (an OCI image index) from which ecli takes the build for the machine it runs on.")
            .build());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        List<String> args = parsed.matchedPositionalValue(0, List.<String>of());
        if (args.size() < 2) {
            throw EcliException.usage("give what to publish and NAME:VERSION (e.g. ecli push sigsnoop.ebpm "
                + "tools/sigsnoop:1.0.0)");
        }
        Path what = Path.of(args.get(0));
        PackageReference target = PackageResolver.registryReference(args.get(args.size() - 1));
        if (!SemVer.isValid(target.reference())) {
            throw EcliException.usage("give the version to publish: NAME:VERSION (e.g. " + target.name()
                + ":1.0.0), not \"" + target.reference() + "\"");
        }
        // The key is read (and its passphrase asked for) before anything is sent.
        SigningKey key = s.sign == null ? null : KeyFiles.readPrivate(s.sign);
        PackageResolver resolver = PackageResolver.fromEnvironment(s.hub.build(), err);
        RegistryClient client = resolver.client(resolver.registryOf(target));
        if (args.size() > 2) {
            List<Path> files = args.subList(0, args.size() - 1).stream().map(Path::of).toList();
            List<EbpmPackage> variants = ArchVariants.read(files, target);
            out.println("published " + target.name() + "@" + target.reference() + " for "
                + String.join(", ", variants.stream().map(v -> v.info().arch()).toList()) + " ("
                + ArchVariants.push(client, target, variants) + ") to " + client.base());
            signIfAsked(client, target, key);
            return ExitCodes.OK;
        }
        if (Files.isDirectory(what)) {
            int built = build(client, what, target, s.timeout);
            signIfAsked(client, target, key);
            return built;
        }
        if (!Files.isRegularFile(what)) {
            throw EcliException.failed(what + ": no such file or directory");
        }
        Loaded loaded = LocalPackages.load(PackageResolver.reference(what.toString()), System.in);
        if (loaded instanceof LoadedModule module) {
            return pushModule(client, module, target, key);
        }
        byte[] body = EbpmPackageCodec.write(((LoadedPackage) loaded).publishedAs(target.name(), target.reference()));
        JsonNode v = client.putJson("/api/v1/packages/" + target.name() + "/-/versions/" + target.reference(), body,
            PackageFormat.EBPM.mediaType());
        out.println("published " + target.name() + "@" + target.reference() + " ("
            + v.path("digests").path("manifest").asText() + ") to " + client.base());
        signIfAsked(client, target, key);
        return ExitCodes.OK;
    }

    /**
     * A wasm module is sent as it is ({@code application/wasm}); the registry finds the object it embeds and
     * describes the version from it. Checked here first, so a file that is no module is not uploaded.
     */
    private int pushModule(RegistryClient client, LoadedModule module, PackageReference target, SigningKey key) {
        try {
            WasmModuleInfo info = WasmModuleInfo.read(module.bytes(), module.origin());
            if (!info.command()) {
                throw EcliException.failed(module.origin() + " exports no _start: not a WASI command ecli could run");
            }
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad wasm module " + e.getMessage());
        }
        JsonNode v = client.putJson("/api/v1/packages/" + target.name() + "/-/versions/" + target.reference(),
            module.bytes(), WasmFormat.MEDIA_TYPE);
        out.println("published wasm module " + target.name() + "@" + target.reference() + " ("
            + v.path("digests").path("manifest").asText() + ") to " + client.base());
        signIfAsked(client, target, key);
        return ExitCodes.OK;
    }

    private void signIfAsked(RegistryClient client, PackageReference target, SigningKey key) {
        if (key != null) {
            out.println(SignCommand.sign(client, target.name(), target.reference(), key));
        }
    }

    private int build(RegistryClient client, Path dir, PackageReference target, Duration timeout) {
        byte[] archive = SourcePacker.pack(dir);
        String what = target.name() + "@" + target.reference();
        JsonNode created = client.postJson("/api/v1/builds?name=" + RegistryClient.query(target.name()) + "&version="
            + RegistryClient.query(target.reference()), archive, "application/gzip");
        String id = created.path("id").asText();
        err.println("ecli: build " + id + " of " + what + " queued at " + client.base());
        JsonNode b = new BuildFollower(client, err, timeout).follow(created, what);
        if (b.path("state").asText().equals("succeeded")) {
            out.println("published " + what + " (built by " + id + ") to " + client.base());
            return ExitCodes.OK;
        }
        err.print(b.path("log").asText());
        throw new EcliException(ExitCodes.BUILD_FAILED, "build " + id + " of " + what + " failed: "
            + b.path("error").asText("see the log above"));
    }
}
