package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.resolve.ResolvedPackage;
import dev.ebpm.ecli.trust.Rebuild;
import dev.ebpm.ecli.trust.TrustGate;
import dev.ebpm.ecli.trust.TrustPolicy;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.provenance.BuildProvenance;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.trust.TrustProblem;
import dev.ebpm.format.trust.TrustVerifier;
import dev.ebpm.format.wasm.WasmModuleInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ecli verify REF [--key FILE] [--rebuild]}: who signed a package, what its provenance says, and
 * whether the trust policy (with any {@code --key}) trusts it; {@code --rebuild} compiles the provenance's
 * sources here and compares the object.
 */
final class VerifyCommand extends BaseCommand<VerifyCommand.Settings> {
    static final class Settings extends CommandSettings {
        boolean rebuild;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(REGISTRY).plus(PULL)
            .plus(TRUST))
        .plus(OptionTable.of(Option.flag("--rebuild", "Fetch the sources the hub's provenance names, compile them "
            + "with the local ecc and compare the object with the published one.", s -> s.rebuild = true)));

    VerifyCommand(PrintStream out, PrintStream err) {
        super("verify", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Check a package's signatures and build provenance against the trust policy "
                + "($XDG_CONFIG_HOME/ebpm/policy.toml, else /etc/ebpm/policy.toml) and any --key, and print who "
                + "signed what. Online the signatures are fetched afresh; --offline verifies what the cache holds.",
            "", "Exit codes: 0 trusted, " + ExitCodes.UNTRUSTED + " not trusted (the line says why), 6 a rebuild "
                + "that gave another object; the others as for every command.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("REF").type(String.class)
            .description("NAME[:TAG|@VERSION|@sha256:DIGEST], optionally HOST[:PORT]/ in front.").build());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        HubOptions hub = s.hub.build();
        PackageReference ref = PackageResolver.registryReference(parsed.matchedPositionalValue(0, null));
        PackageResolver resolver = PackageResolver.fromEnvironment(hub, err);
        ResolvedPackage pkg = resolver.resolve(ref);
        TrustGate gate = TrustGate.fromEnvironment(s.trust.build(), hub.offline(), err);
        TrustPolicy.Applied applied = gate.applied(resolver, ref, pkg, true);
        TrustGate.Report report = gate.verify(resolver, ref, pkg, applied, true);
        TrustVerifier.Verdict v = report.verdict();
        out.println(pkg.origin() + "  " + pkg.manifest());
        for (TrustVerifier.Signed signed : v.signed()) {
            if (signed.provenance() == null) {
                out.println("  signature   verified  " + signed.key().describe() + "  " + signed.origin());
            } else {
                out.println("  provenance  verified  " + signed.key().describe());
                describe(signed.provenance());
            }
        }
        for (TrustProblem p : v.problems()) {
            out.println("  problem     " + p.describe());
        }
        if (v.signed().isEmpty() && v.problems().isEmpty()) {
            out.println("  no signature or provenance found");
        }
        out.println((v.trusted() ? "trusted" : "not trusted") + " (" + applied.source() + "; " + applied.keys().size()
            + " trusted key" + (applied.keys().size() == 1 ? "" : "s") + ")");
        if (s.rebuild) {
            rebuild(resolver, ref, pkg, v);
        }
        if (!v.trusted()) {
            throw new EcliException(ExitCodes.UNTRUSTED, pkg.origin() + " is not trusted: " + TrustGate.reason(ref, report));
        }
        return ExitCodes.OK;
    }

    private void describe(BuildProvenance p) {
        out.println("    build " + p.buildId() + " of sources " + p.sourceDigest() + " by " + p.builderId());
        out.println("    worker " + p.environment().worker() + "; " + (p.environment().tools().isEmpty()
            ? "no tool versions recorded" : pairs(p.environment().tools())));
        if (!p.environment().sandbox().isEmpty()) {
            out.println("    sandbox " + pairs(p.environment().sandbox()));
        }
        if (p.startedOn() != null && p.finishedOn() != null) {
            out.println("    built " + p.startedOn() + " to " + p.finishedOn() + "; object " + p.objectDigest());
        }
    }

    private static String pairs(Map<String, String> m) {
        return new java.util.TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    }

    /** The BPF object a rebuild is compared with: the package's, or the one a wasm module embeds. */
    private static byte[] objectOf(ResolvedPackage pkg) {
        if (!pkg.isModule()) {
            return pkg.pkg().elf();
        }
        try {
            return WasmModuleInfo.read(pkg.layer(), pkg.origin()).bpfObject().orElseThrow(() -> EcliException.failed(
                pkg.origin() + " embeds no BPF object to compare a rebuild with"));
        } catch (PackageFormatException e) {
            throw new EcliException(ExitCodes.INTEGRITY, "bad wasm module " + e.getMessage());
        }
    }

    private void rebuild(PackageResolver resolver, PackageReference ref, ResolvedPackage pkg, TrustVerifier.Verdict v) {
        BuildProvenance p = v.provenance().map(TrustVerifier.Signed::provenance).orElseThrow(() ->
            EcliException.failed(pkg.origin() + " has no verified build provenance to rebuild from (trust the hub's "
                + "key: ecli key trust --hub)"));
        err.println("ecli: rebuilding build " + p.buildId() + " with the local ecc ...");
        Rebuild.Result r = Rebuild.run(resolver.client(resolver.registryOf(ref)), p, objectOf(pkg));
        if (!r.reproduced()) {
            throw new EcliException(ExitCodes.INTEGRITY, "the rebuilt object is " + r.rebuilt() + "; the hub attested "
                + r.attested() + " and the package holds " + r.published() + (r.toolDifferences().isEmpty()
                    ? " (built with the same tools the hub names)"
                    : " (the tools differ: " + String.join("; ", r.toolDifferences()) + ")"));
        }
        out.println("rebuilt: the sources compile here to " + r.rebuilt() + ", the object the hub attested and the "
            + "package holds");
    }
}
