package dev.ebpm.ecli.resolve;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.CachedRef;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.registry.Progress;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.PackageReference;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Resolves a registry reference to a package. Pinned references (a version or a digest) map to the same
 * manifest forever, so once cached they never touch the network; a tag is trusted for {@link #TAG_TTL}
 * unless the policy says otherwise. Corrupt cache entries are dropped, reported and fetched again.
 */
public final class PackageResolver {
    public static final Duration TAG_TTL = Duration.ofSeconds(60);

    private final EcliConfig config;
    private final PackageCache cache;
    private final PrintStream err;
    private final String registryOption;
    private final PullPolicy policy;
    private final boolean offline;

    public PackageResolver(EcliConfig config, PackageCache cache, PrintStream err, String registryOption,
                           PullPolicy policy, boolean offline) {
        this.config = config;
        this.cache = cache;
        this.err = err;
        this.registryOption = registryOption;
        this.policy = offline ? PullPolicy.NEVER : policy;
        this.offline = offline;
    }

    /** The registry a reference points at; null means the default registry. */
    public URI registryOf(PackageReference ref) {
        return ref != null && ref.registry() != null ? EcliConfig.normalize(ref.registry()) : config.registry(registryOption);
    }

    public RegistryClient client(URI registry) {
        return new RegistryClient(registry, config.token(registry), Progress.forStderr(err));
    }

    public ResolvedPackage resolve(PackageReference ref) {
        URI registry = registryOf(ref);
        // Made only when the cache cannot answer: a warm run should not even load the HTTP client.
        Lazy client = new Lazy(policy == PullPolicy.NEVER ? null : registry);
        Digest manifestDigest = manifestDigest(ref, registry);
        byte[] manifestBytes = null;
        boolean fetched = false;
        if (manifestDigest != null) {
            manifestBytes = cached(manifestDigest, "the manifest of " + ref.display());
        }
        if (manifestBytes == null) {
            if (client.unavailable()) {
                throw notCached(ref);
            }
            RegistryClient.Fetched m = client.get().manifest(ref.name(), ref.reference());
            if (ref.isDigest() && !m.digest().toString().equals(ref.reference())) {
                throw new EcliException(ExitCodes.INTEGRITY, ref.display() + ": the registry sent a manifest whose "
                    + "digest is " + m.digest());
            }
            manifestDigest = m.digest();
            manifestBytes = m.bytes();
            fetched = true;
            cache.putBlob(manifestDigest, manifestBytes);
            if (!ref.isDigest()) {
                cache.putRef(registry, ref.name(), ref.reference(), manifestDigest);
            }
        }
        OciManifest manifest;
        try {
            manifest = OciManifest.parse(manifestBytes);
        } catch (PackageFormatException e) {
            throw EcliException.failed(ref.display() + ": not a package manifest: " + e.getMessage());
        }
        if (!PackageArtifact.isPackage(manifest)) {
            throw EcliException.failed(ref.display() + " is not an ebpm package (its artifact type is "
                + manifest.effectiveArtifactType() + ")");
        }
        byte[] config = blob(client, ref, manifest.config(), "config");
        if (manifest.layers().size() != 1) {
            throw EcliException.failed(ref.display() + ": an ebpm package has one layer, this manifest has "
                + manifest.layers().size());
        }
        byte[] layer = blob(client, ref, manifest.layers().get(0), "program");
        EbpmPackage pkg;
        try {
            pkg = PackageArtifact.open(manifest, config, layer);
        } catch (PackageFormatException e) {
            throw new EcliException(ExitCodes.INTEGRITY, ref.display() + ": bad package: " + e.getMessage());
        }
        String version = pkg.info().version();
        if (fetched && pkg.info().name().equals(ref.name()) && !version.equals(ref.reference())) {
            // A version always names this manifest: remember it, so NAME@VERSION works offline after NAME:TAG.
            // (Only on a fetch: a run from the cache writes nothing.)
            cache.putRef(registry, ref.name(), version, manifestDigest);
        }
        String origin = pkg.info().name() + "@" + version;
        return new ResolvedPackage(pkg, layer, manifestDigest, origin);
    }

    /** The manifest digest the reference names without asking the registry, when it can be known. */
    private Digest manifestDigest(PackageReference ref, URI registry) {
        if (ref.isDigest()) {
            return Digest.parse(ref.reference());
        }
        if (policy == PullPolicy.ALWAYS && !ref.isPinned()) {
            return null;
        }
        Optional<CachedRef> cached = cache.ref(registry, ref.name(), ref.reference());
        if (cached.isEmpty()) {
            return null;
        }
        if (ref.isPinned() || policy == PullPolicy.NEVER || !cached.get().olderThan(TAG_TTL)) {
            return cached.get().manifest();
        }
        return null;
    }

    private byte[] blob(Lazy client, PackageReference ref, OciDescriptor d, String what) {
        byte[] bytes = cached(d.digest(), "the " + what + " of " + ref.display());
        if (bytes != null) {
            return bytes;
        }
        if (client.unavailable()) {
            throw notCached(ref);
        }
        bytes = client.get().blob(ref.name(), d.digest(), d.size(), ref.name() + " " + what);
        cache.putBlob(d.digest(), bytes);
        return bytes;
    }

    /** The registry client, made on first use; none at all when the policy forbids the network. */
    private final class Lazy {
        private final URI registry;
        private RegistryClient client;

        Lazy(URI registry) {
            this.registry = registry;
        }

        boolean unavailable() {
            return registry == null;
        }

        RegistryClient get() {
            if (client == null) {
                client = client(registry);
            }
            return client;
        }
    }

    private byte[] cached(Digest digest, String what) {
        PackageCache.Read read = cache.blob(digest);
        if (read.corrupt()) {
            err.println("ecli: the cached copy of " + what + " (" + digest + ") was corrupt; removed it"
                + (policy == PullPolicy.NEVER ? "" : ", fetching it again"));
        }
        return read.bytes();
    }

    private EcliException notCached(PackageReference ref) {
        return new EcliException(ExitCodes.NOT_FOUND, ref.display() + " is not in the cache"
            + (offline ? " and --offline forbids fetching it" : " and --pull never forbids fetching it"));
    }
}
