package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.resolve.PullPolicy;
import dev.ebpm.ecli.resolve.ResolvedPackage;
import dev.ebpm.ecli.trust.TrustGate;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageFormat;
import dev.ebpm.format.files.AtomicFiles;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;
import dev.ebpm.format.reference.PackageReference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code ecli pull REF [-o FILE]}: fetch a package into the cache, and optionally write it out. */
final class PullCommand extends BaseCommand<PullCommand.Settings> {
    static final class Settings extends CommandSettings {
        Path file;
        String arch;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(REGISTRY).plus(TRUST))
        .plus(OptionTable.of(Option.value("-o, --output", "FILE", "Write the package to FILE: .json as eunomia-bpf's "
            + "package.json, .yaml as package.yaml, anything else as an .ebpm package; a wasm module as it is.", (s, v) -> s.file = Path.of(v)),
            Option.value("--arch", "ARCH", "Of a version built for several architectures, take the build for ARCH "
                + "(x86_64, arm64, ...) instead of this machine's.", (s, v) -> s.arch = OptionValues.arch("--arch", v))));

    /** A module is written as it is; asking for a package format for one is refused before anything is written. */
    private static byte[] moduleFile(ResolvedPackage p, Path file) {
        String name = file.getFileName().toString();
        if (PackageFormat.forFileName(name) != PackageFormat.EBPM || name.endsWith(EbpmPackageCodec.FILE_EXTENSION)) {
            throw EcliException.usage(p.origin() + " is a wasm module, not a package: write it to a .wasm file");
        }
        return p.layer();
    }

    PullCommand(PrintStream out, PrintStream err) {
        super("pull", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Pull a package from a registry into the cache, checking every digest; with "
            + "-o, also write it to a file. Tags are always asked for again. Its signatures and provenance are cached "
            + "with it and checked against the trust policy, as ecli run checks them. Of a version built for several "
            + "architectures, the build for this machine's is pulled (or --arch's).");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("REF").type(String.class)
            .description("NAME[:TAG|@VERSION|@sha256:DIGEST], optionally HOST[:PORT]/ in front.").build());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        HubOptions given = s.hub.build();
        PackageResolver resolver = PackageResolver.fromEnvironment(new HubOptions(given.registry(), PullPolicy.ALWAYS,
            false), err);
        PackageReference ref = PackageResolver.registryReference(parsed.matchedPositionalValue(0, null));
        ResolvedPackage p = resolver.resolve(ref, s.arch != null ? s.arch : Architectures.running());
        // Signatures are cached with the package, so a later offline run is verified too.
        TrustGate.Report report = TrustGate.fromEnvironment(s.trust.build(), false, err).check(resolver, ref, p, true);
        if (s.file != null) {
            try {
                AtomicFiles.write(s.file, p.isModule() ? moduleFile(p, s.file) : PackageFormat.forFileName(
                    s.file.getFileName().toString()).write(p.pkg(), p.layer()));
            } catch (IOException e) {
                throw EcliException.failed("cannot write " + s.file + ": " + e.getMessage());
            }
        }
        String built = p.isModule() || p.pkg().info().arch() == null ? "" : ", the " + p.pkg().info().arch() + " build";
        out.println("pulled " + p.origin() + " (" + p.manifest() + built + ")" + (s.file == null ? "" : " to " + s.file)
            + report.summary());
        return ExitCodes.OK;
    }
}
