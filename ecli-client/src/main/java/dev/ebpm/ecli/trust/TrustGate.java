package dev.ebpm.ecli.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.crypto.LibcryptoSignatureCheck;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.options.TrustOptions;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.Loaded;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.resolve.ResolvedPackage;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.trust.Evidence;
import dev.ebpm.format.trust.TrustProblem;
import dev.ebpm.format.trust.TrustVerifier;
import dev.ebpm.format.trust.TrustedKey;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check between resolving a package and opening its BPF object. The policy decides the mode and the
 * trusted keys; the evidence comes from the cache (gathered when the package was pulled) and is verified on
 * every run, offline too, so a tightened policy or a revoked key takes effect at once. Online, evidence is
 * fetched when none is cached or the cached evidence does not satisfy the policy (a signature may have been
 * added since), and revocations are refreshed every {@link #REVOCATION_CHECK}.
 */
public final class TrustGate {
    public static final Duration REVOCATION_CHECK = Duration.ofMinutes(10);

    private final TrustPolicy policy;
    private final PackageCache cache;
    private final PrintStream err;
    private final TrustOptions options;
    private final boolean offline;

    public TrustGate(TrustPolicy policy, PackageCache cache, PrintStream err, TrustOptions options, boolean offline) {
        this.policy = policy;
        this.cache = cache;
        this.err = err;
        this.options = options;
        this.offline = offline;
    }

    public static TrustGate fromEnvironment(TrustOptions options, boolean offline, PrintStream err) {
        return new TrustGate(TrustPolicy.shared(EcliConfig.fromEnvironment()), PackageCache.fromEnvironment(), err,
            options, offline);
    }

    /** What was checked and found: the policy applied, the evidence and the verdict (null when the mode is off). */
    public record Report(TrustPolicy.Applied applied, Evidence evidence, TrustVerifier.Verdict verdict) {
        /** ", signed by NAME (fingerprint)" for one-line confirmations; empty when nothing was verified. */
        public String summary() {
            if (verdict == null || !verdict.trusted()) {
                return "";
            }
            return ", signed by " + String.join(", ", verdict.signed().stream().map(s -> s.key().describe()
                + (s.provenance() != null ? " (build provenance)" : "")).distinct().toList());
        }
    }

    /**
     * Checks a registry package; under {@code require} an untrusted one is refused with exit code
     * {@link ExitCodes#UNTRUSTED}, under {@code warn} it is reported and allowed.
     */
    public Report check(PackageResolver resolver, PackageReference ref, ResolvedPackage pkg) {
        return check(resolver, ref, pkg, false);
    }

    /**
     * {@link #check}; with {@code refresh} (for {@code ecli pull}) the evidence and the registry's
     * revocations are fetched afresh and cached, whatever the mode, so later runs (offline too) have them.
     */
    public Report check(PackageResolver resolver, PackageReference ref, ResolvedPackage pkg, boolean refresh) {
        TrustPolicy.Applied applied = applied(resolver, ref, pkg);
        if (applied.mode() == TrustMode.OFF) {
            if (refresh && !offline) {
                refreshEvidence(resolver, ref, pkg.manifest());
            }
            return new Report(applied, null, null);
        }
        Report r = verify(resolver, ref, pkg, applied, refresh);
        if (!r.verdict().trusted()) {
            String reason = reason(ref, r);
            if (applied.mode() == TrustMode.REQUIRE) {
                throw new EcliException(ExitCodes.UNTRUSTED, "refusing " + who(pkg) + ": " + reason);
            }
            err.println("ecli: warning: " + who(pkg) + " is not trusted: " + reason + " (running anyway: "
                + applied.source() + " says warn)");
        }
        return r;
    }

    /** What the policy says about a registry package; a reference it does not allow is refused here. */
    public TrustPolicy.Applied applied(PackageResolver resolver, PackageReference ref, ResolvedPackage pkg) {
        return applied(resolver, ref, pkg, false);
    }

    /** {@link #applied}; {@code verifying} ({@code ecli verify}) gathers the trusted keys even when the mode is off. */
    public TrustPolicy.Applied applied(PackageResolver resolver, PackageReference ref, ResolvedPackage pkg,
                                       boolean verifying) {
        TrustPolicy.Applied applied = policy.apply(resolver.registryOf(ref), ref.name(), pkg.manifest(), options.mode(),
            extraKeys(), verifying);
        if (applied.notAllowed() != null) {
            throw new EcliException(ExitCodes.UNTRUSTED, "refusing " + who(pkg) + ": "
                + TrustProblem.Reason.NOT_ALLOWED.label() + ": " + applied.notAllowed());
        }
        return applied;
    }

    /**
     * Verifies a registry package with the keys the policy trusts for it, whatever its mode: cached
     * evidence first (fetched when there is none, or, online, when it does not satisfy the policy), just
     * enough to decide; with {@code refresh} (pull, verify) fetched afresh when online and checked in full.
     */
    public Report verify(PackageResolver resolver, PackageReference ref, ResolvedPackage pkg,
                         TrustPolicy.Applied applied, boolean refresh) {
        URI registry = resolver.registryOf(ref);
        Lazy client = new Lazy(resolver, registry);
        Map<String, String> revoked = new LinkedHashMap<>(revocations(client, registry, refresh));
        revoked.putAll(applied.revoked());
        TrustVerifier verifier = new TrustVerifier(applied.keys(), revoked, LibcryptoSignatureCheck.best());
        Optional<Evidence> cached = refresh && !offline ? Optional.empty() : cachedEvidence(pkg.manifest());
        Evidence evidence = cached.orElse(null);
        if (evidence == null && !offline) {
            evidence = fetchIfReachable(client, ref.name(), pkg.manifest()).orElse(null);
        }
        if (evidence == null) {
            evidence = Evidence.none();
        }
        TrustVerifier.Verdict verdict = refresh ? verifier.verify(pkg.manifest(), evidence)
            : verifier.decide(pkg.manifest(), evidence);
        if (!verdict.trusted() && cached.isPresent() && !offline) {
            // A signature may have been added since: ask again; unreachable, the cached verdict stands.
            Optional<Evidence> fresh = fetchIfReachable(client, ref.name(), pkg.manifest());
            if (fresh.isPresent()) {
                evidence = fresh.get();
                verdict = verifier.decide(pkg.manifest(), evidence);
            }
        }
        return new Report(applied, evidence, verdict);
    }

    /** Why a package is not trusted, in one line. */
    public static String reason(PackageReference ref, Report r) {
        return r.applied().keys().isEmpty() ? "no key is trusted for " + ref.name() + " (" + r.applied().source()
            + "); trust one with 'ecli key trust'" : r.verdict().refusal().describe();
    }

    private static String who(ResolvedPackage pkg) {
        return pkg.origin() + " (" + pkg.manifest().toString().substring(0, 19) + "…)";
    }

    /**
     * Any package, as {@link PackageResolver#load} gives it, checked first: a registry package against the
     * policy, a local one refused under {@code require}. Nothing is opened before this returns.
     */
    public Loaded load(PackageResolver resolver, PackageReference ref, InputStream stdin) {
        if (ref.kind() != PackageReference.Kind.REGISTRY) {
            checkLocal(ref);
            return resolver.load(ref, stdin);
        }
        ResolvedPackage pkg = resolver.resolve(ref);
        check(resolver, ref, pkg);
        return pkg.loaded();
    }

    /** A local file carries no signatures: under {@code require} it is refused. */
    public void checkLocal(PackageReference ref) {
        TrustPolicy.Applied applied = policy.apply(null, null, null, options.mode(), List.of());
        if (applied.mode() == TrustMode.REQUIRE) {
            throw new EcliException(ExitCodes.UNTRUSTED, "refusing " + ref.display() + ": a local file or URL carries "
                + "no signature; run a signed registry reference, or use --verify off");
        }
    }

    private Evidence refreshEvidence(PackageResolver resolver, PackageReference ref, Digest manifest) {
        return fetch(new Lazy(resolver, resolver.registryOf(ref)), ref.name(), manifest);
    }

    public List<TrustedKey> extraKeys() {
        return options.keys().stream().map(KeyFiles::readPublic).toList();
    }

    private Optional<Evidence> cachedEvidence(Digest manifest) {
        Optional<PackageCache.Stored> s = cache.evidence(manifest);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Evidence.parse(s.get().bytes()));
        } catch (PackageFormatException | IllegalArgumentException e) {
            // An altered cache file is evidence of nothing; what it held is reported as a bad signature.
            return Optional.of(new Evidence(List.of(), List.of(), List.of(new TrustProblem(
                TrustProblem.Reason.BAD_SIGNATURE, null, "the cached signatures are unreadable (altered?): "
                + e.getMessage()))));
        }
    }

    /** Evidence from the registry, or empty when it cannot be reached (the run goes on from the cache). */
    private Optional<Evidence> fetchIfReachable(Lazy client, String name, Digest manifest) {
        try {
            return Optional.of(fetch(client, name, manifest));
        } catch (EcliException e) {
            if (e.exitCode() != ExitCodes.UNREACHABLE) {
                throw e;
            }
            err.println("ecli: cannot fetch the signatures of " + name + " (" + e.getMessage() + "); verifying "
                + "what the cache holds");
            return Optional.empty();
        }
    }

    private Evidence fetch(Lazy client, String name, Digest manifest) {
        Evidence e = new EvidenceFetcher(client.get()).fetch(name, manifest);
        cache.putEvidence(manifest, e.toBytes());
        return e;
    }

    private Map<String, String> revocations(Lazy client, URI registry, boolean refresh) {
        Optional<PackageCache.Stored> s = cache.revocations(registry);
        boolean stale = refresh || s.isEmpty() || s.get().written().isBefore(Instant.now().minus(REVOCATION_CHECK));
        if (stale && !offline) {
            try {
                Map<String, String> fresh = new EvidenceFetcher(client.get()).revocations();
                ObjectNode o = Json.object();
                fresh.forEach(o::put);
                cache.putRevocations(registry, Json.canonical(o));
                return fresh;
            } catch (EcliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE) {
                    throw e;
                }
                // Unreachable: the revocations known last still hold.
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (s.isPresent()) {
            try {
                Json.parse(s.get().bytes()).fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
            } catch (PackageFormatException e) {
                // Unreadable: fetched again next time online.
            }
        }
        return out;
    }

    private static final class Lazy {
        private final PackageResolver resolver;
        private final URI registry;
        private RegistryClient client;

        Lazy(PackageResolver resolver, URI registry) {
            this.resolver = resolver;
            this.registry = registry;
        }

        RegistryClient get() {
            if (client == null) {
                client = resolver.client(registry);
            }
            return client;
        }
    }
}
