package dev.ebpm.ecli.resolve;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.CachedRef;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.registry.Progress;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.registry.RemovedException;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.wasm.WasmFormat;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From what the user typed to a package in memory. {@link PackageReference} has decided what kind of
 * reference it is; local ones are read by {@link LocalPackages}, registry ones resolved here. Pinned
 * references (a version or a digest) map to the same manifest forever, so once cached they are never
 * downloaded again; a tag is trusted for {@link #TAG_TTL} unless the policy says otherwise. Corrupt cache
 * entries are dropped, reported and fetched again. A version the registry's administrators removed is
 * refused, and its cached copy deleted, as soon as ecli learns of it: online, a cached pinned reference is
 * checked with the registry at most every {@link #REMOVAL_CHECK} (every time with {@code --pull always}, and
 * by {@code ecli pull}). A version built for several architectures is an image index: the entry for the
 * architecture asked for (this machine's, unless {@code ecli pull --arch} says another) is the package.
 */
public final class PackageResolver {
    public static final Duration TAG_TTL = Duration.ofSeconds(60);
    public static final Duration REMOVAL_CHECK = Duration.ofMinutes(10);

    private final EcliConfig config;
    private final PackageCache cache;
    private final PrintStream err;
    private final String registryOption;
    private final PullPolicy policy;
    private final boolean offline;

    public PackageResolver(EcliConfig config, PackageCache cache, PrintStream err, HubOptions hub) {
        this.config = config;
        this.cache = cache;
        this.err = err;
        this.registryOption = hub.registry();
        this.offline = hub.offline();
        this.policy = hub.offline() ? PullPolicy.NEVER : hub.pull();
    }

    public static PackageResolver fromEnvironment(HubOptions hub, PrintStream err) {
        return new PackageResolver(EcliConfig.fromEnvironment(), PackageCache.fromEnvironment(), err, hub);
    }

    /** Reads what the user typed as a reference: a file when one of that name exists, else as it looks. */
    public static PackageReference reference(String text) {
        try {
            return PackageReference.parse(text, text != null && Files.exists(Path.of(text)));
        } catch (PackageFormatException e) {
            throw EcliException.usage(e.getMessage());
        }
    }

    /** A registry reference (not a file or URL), for commands that only work with registries. */
    public static PackageReference registryReference(String text) {
        PackageReference ref = reference(text);
        if (ref.kind() != PackageReference.Kind.REGISTRY) {
            throw EcliException.usage("\"" + text + "\" is not a registry reference (NAME, NAME:TAG, NAME@VERSION, "
                + "HOST/NAME:TAG)");
        }
        return ref;
    }

    /** Any package: from a registry, a file, standard input or a URL. */
    public Loaded load(PackageReference ref, InputStream stdin) {
        return ref.kind() == PackageReference.Kind.REGISTRY ? resolve(ref).loaded() : LocalPackages.load(ref, stdin);
    }

    /** The registry a reference points at; null means the default registry. */
    public URI registryOf(PackageReference ref) {
        return ref != null && ref.registry() != null ? EcliConfig.normalize(ref.registry()) : config.registry(registryOption);
    }

    public RegistryClient client(URI registry) {
        return new RegistryClient(registry, config.token(registry), Progress.forStderr(err));
    }

    /** A registry reference, as the build for this machine's architecture when the version has several. */
    public ResolvedPackage resolve(PackageReference ref) {
        return resolve(ref, Architectures.running());
    }

    /** {@code arch}: the build to take of a version built for several architectures (an image index). */
    public ResolvedPackage resolve(PackageReference ref, String arch) {
        URI registry = registryOf(ref);
        // Made only when the cache cannot answer: a warm run should not even load the HTTP client.
        Lazy client = new Lazy(policy == PullPolicy.NEVER ? null : registry);
        Digest manifestDigest = manifestDigest(ref, registry);
        refuseIfRemoved(registry, ref, manifestDigest);
        byte[] manifestBytes = null;
        boolean fetched = false;
        if (manifestDigest != null) {
            manifestBytes = cached(manifestDigest, "the manifest of " + ref.display());
        }
        if (manifestBytes == null) {
            if (client.unavailable()) {
                throw notCached(ref);
            }
            RegistryClient.Fetched m;
            try {
                m = client.get().manifest(ref.name(), ref.reference());
            } catch (RemovedException e) {
                forget(registry, ref, manifestDigest != null ? manifestDigest
                    : cache.ref(registry, ref.name(), ref.reference()).map(CachedRef::manifest).orElse(null), e);
                throw e;
            }
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
            cache.confirm(registry, ref.name(), manifestDigest);
        } else if (ref.isPinned() && !client.unavailable() && (policy == PullPolicy.ALWAYS
            || cache.confirmedSince(registry, ref.name(), manifestDigest, REMOVAL_CHECK).isEmpty())) {
            checkStanding(client.get(), registry, ref, manifestDigest);
        }
        String built = null;
        if (OciIndex.isIndex(manifestBytes)) {
            OciIndex.Variant variant = variant(ref, manifestBytes, arch);
            manifestBytes = variantManifest(client, ref, variant);
            built = variant.arch();
        }
        OciManifest manifest = manifest(ref, manifestBytes);
        if (built != null && PackageArtifact.isWasm(manifest)) {
            throw EcliException.failed(ref.display() + ": its " + built + " entry is a wasm module, which runs on "
                + "every architecture and is never one of several builds");
        }
        if (PackageArtifact.isWasm(manifest)) {
            String version = manifest.annotations().get("org.opencontainers.image.version");
            version = version != null && SemVer.isValid(version) ? version : null;
            if (fetched && version != null && !version.equals(ref.reference())) {
                cache.putRef(registry, ref.name(), version, manifestDigest);
            }
            return module(client, ref, manifest, manifestDigest, version);
        }
        byte[] config = blob(client, ref, manifest.config(), "config");
        byte[] layer = blob(client, ref, manifest.layers().get(0), "program");
        OciDescriptor btfLayer = btfLayer(ref, manifest);
        byte[] btf = btfLayer == null ? null : blob(client, ref, btfLayer, "kernel BTF");
        EbpmPackage pkg;
        try {
            pkg = PackageArtifact.open(manifest, config, layer, btf);
        } catch (PackageFormatException e) {
            throw new EcliException(ExitCodes.INTEGRITY, ref.display() + ": bad package: " + e.getMessage());
        }
        if (built != null && !built.equals(pkg.info().arch())) {
            throw new EcliException(ExitCodes.INTEGRITY, ref.display() + ": the index lists a package built for "
                + (pkg.info().arch() == null ? "any architecture" : pkg.info().arch()) + " as its " + built + " build");
        }
        String version = pkg.info().version();
        if (fetched && pkg.info().name().equals(ref.name()) && !version.equals(ref.reference())) {
            // A version always names this manifest: remember it, so NAME@VERSION works offline after NAME:TAG.
            // (Only on a fetch: a run from the cache writes nothing.)
            cache.putRef(registry, ref.name(), version, manifestDigest);
        }
        return ResolvedPackage.ofPackage(pkg, layer, manifestDigest, pkg.info().name() + "@" + version);
    }

    /**
     * The entry of a version's image index for {@code arch}, or a one-line refusal naming the architectures it
     * has. The index's digest is the version's: what the cache and signatures name.
     */
    private static OciIndex.Variant variant(PackageReference ref, byte[] bytes, String arch) {
        OciIndex index;
        try {
            index = OciIndex.parse(bytes);
        } catch (PackageFormatException e) {
            throw EcliException.failed(ref.display() + ": bad image index: " + e.getMessage());
        }
        return index.variant(arch).orElseThrow(() -> {
            boolean here = arch.equals(Architectures.running());
            return new EcliException(ExitCodes.NOT_FOUND, ref.display() + " has no build for " + arch
                + (here ? " (this machine)" : "") + "; it is built for " + String.join(", ", index.arches())
                + (here ? " ('ecli pull --arch ARCH' fetches one of those)" : ""));
        });
    }

    /** The manifest an index entry names, from the cache or by digest, checked against the entry. */
    private byte[] variantManifest(Lazy client, PackageReference ref, OciIndex.Variant v) {
        Digest digest = v.manifest().digest();
        String what = "the " + v.arch() + " manifest of " + ref.display();
        byte[] bytes = cached(digest, what);
        if (bytes != null) {
            return bytes;
        }
        if (client.unavailable()) {
            throw notCached(ref);
        }
        RegistryClient.Fetched m = client.get().manifest(ref.name(), digest.toString());
        if (!m.digest().equals(digest) || m.bytes().length != v.manifest().size()) {
            throw new EcliException(ExitCodes.INTEGRITY, what + " from the registry is not " + digest
                + " (digest mismatch)");
        }
        cache.putBlob(digest, m.bytes());
        return m.bytes();
    }

    /**
     * A wasm module's version: its first wasm layer is the module (the config says nothing ecli needs), bounded
     * before it is downloaded and checked against its digest as every blob is; the module itself is parsed
     * when it runs. {@code version}: the one its manifest names, or null.
     */
    private ResolvedPackage module(Lazy client, PackageReference ref, OciManifest manifest, Digest manifestDigest,
                                   String version) {
        OciDescriptor layer;
        try {
            layer = PackageArtifact.wasmLayer(manifest);
        } catch (PackageFormatException e) {
            throw EcliException.failed(ref.display() + ": " + e.getMessage());
        }
        if (layer.size() > WasmFormat.MAX_MODULE_BYTES) {
            throw EcliException.failed(ref.display() + ": its wasm module is " + layer.size() + " bytes, more than the "
                + WasmFormat.MAX_MODULE_BYTES + " ecli accepts");
        }
        byte[] module = blob(client, ref, layer, "wasm module");
        // As a package's: NAME@VERSION when the manifest says which version it is (this hub's do).
        String origin = ref.name() + (version != null ? "@" + version
            : ref.isDigest() ? "@" + ref.reference().substring(0, 19) : ":" + ref.reference());
        String base = ref.name().substring(ref.name().lastIndexOf('/') + 1);
        return ResolvedPackage.ofModule(module, manifestDigest, origin, base + WasmFormat.FILE_EXTENSION);
    }

    private static OciManifest manifest(PackageReference ref, byte[] bytes) {
        OciManifest manifest;
        try {
            manifest = OciManifest.parse(bytes);
        } catch (PackageFormatException e) {
            throw EcliException.failed(ref.display() + ": not a package manifest: " + e.getMessage());
        }
        if (PackageArtifact.isWasm(manifest)) {
            return manifest;
        }
        if (!PackageArtifact.isPackage(manifest)) {
            throw EcliException.failed(ref.display() + " is not an ebpm package or a wasm module (its artifact type "
                + "is " + manifest.effectiveArtifactType() + ")");
        }
        btfLayer(ref, manifest);
        return manifest;
    }

    /** The layer of BTF for kernels without their own ({@code ecc --btfgen}), or null; nothing else is accepted. */
    private static OciDescriptor btfLayer(PackageReference ref, OciManifest manifest) {
        try {
            if (manifest.layers().isEmpty()) {
                throw new PackageFormatException("the manifest has no layers");
            }
            return PackageArtifact.btfLayer(manifest);
        } catch (PackageFormatException e) {
            throw EcliException.failed(ref.display() + ": " + e.getMessage());
        }
    }

    /** A removal ecli already knows of is refused without asking anyone, offline too. */
    private void refuseIfRemoved(URI registry, PackageReference ref, Digest manifest) {
        Optional<String> removal = cache.removal(registry, ref.name(), ref.reference(), manifest);
        if (removal.isPresent()) {
            throw new RemovedException(removal.get() + "; ecli deleted its cached copy");
        }
    }

    /** Asks whether a cached pinned package is still served; a removal deletes the cached copy and fails. */
    private void checkStanding(RegistryClient client, URI registry, PackageReference ref, Digest manifest) {
        try {
            if (client.standing(ref.name(), manifest) == RegistryClient.Standing.LIVE) {
                cache.confirm(registry, ref.name(), manifest);
            }
        } catch (RemovedException e) {
            forget(registry, ref, manifest, e);
            throw new RemovedException(e.getMessage() + "; ecli deleted its cached copy");
        }
    }

    /** Remembers the removal and deletes the cached manifest, config and layer. */
    private void forget(URI registry, PackageReference ref, Digest manifest, RemovedException why) {
        List<Digest> blobs = new ArrayList<>();
        if (manifest != null) {
            byte[] bytes = cache.blob(manifest).bytes();
            if (bytes != null && OciIndex.isIndex(bytes)) {
                try {
                    for (OciIndex.Variant v : OciIndex.parse(bytes).variants()) {
                        blobs.add(v.manifest().digest());
                        addBlobs(cache.blob(v.manifest().digest()).bytes(), blobs);
                    }
                } catch (PackageFormatException e) {
                    // Only the index itself is deleted then.
                }
            } else {
                addBlobs(bytes, blobs);
            }
        }
        // A version number is burned for good; a tag may name another version tomorrow, so only versions are
        // remembered by reference.
        cache.markRemoved(registry, ref.name(), ref.isPinned() && !ref.isDigest() ? ref.reference() : null, manifest,
            blobs, why.getMessage());
    }

    /** A cached manifest's config and layers, if it is one. */
    private static void addBlobs(byte[] manifest, List<Digest> blobs) {
        if (manifest == null) {
            return;
        }
        try {
            OciManifest m = OciManifest.parse(manifest);
            blobs.add(m.config().digest());
            m.layers().forEach(l -> blobs.add(l.digest()));
        } catch (PackageFormatException e) {
            // Only the manifest itself is deleted then.
        }
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
