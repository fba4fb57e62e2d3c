package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.catalog.PackageLookup;
import dev.ebpm.registry.catalog.ResolvedVersion;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.ManifestCache;
import dev.ebpm.registry.content.ManifestView;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.content.StoredManifest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.publish.Limits;
import dev.ebpm.registry.publish.ModuleUpload;
import dev.ebpm.registry.publish.PublishRequest;
import dev.ebpm.registry.publish.PublishService;
import dev.ebpm.registry.publish.VariantsRequest;
import dev.ebpm.registry.reference.ManifestRef;
import dev.ebpm.registry.trust.AttachmentRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Pushing and pulling manifests over OCI, in terms of the catalog. */
@ApplicationScoped
public class ManifestService {
    /** The image spec's empty JSON blob, {@code {}}, which artifacts without a config point at. */
    static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final Digest EMPTY_JSON_DIGEST = Digest.sha256(EMPTY_JSON);

    private final BlobService blobs;
    private final Manifests manifests;
    private final PackageLookup lookup;
    private final PublishService publisher;
    private final Limits limits;
    private final ManifestCache cache;
    private final AttachmentRules attachments;

    ManifestService(BlobService blobs, Manifests manifests, PackageLookup lookup, PublishService publisher,
                    Limits limits, ManifestCache cache, AttachmentRules attachments) {
        this.attachments = attachments;
        this.blobs = blobs;
        this.manifests = manifests;
        this.lookup = lookup;
        this.publisher = publisher;
        this.limits = limits;
        this.cache = cache;
    }

    public record Pushed(Digest digest, Digest subject) {
    }

    /**
     * Stores a pushed manifest. A package manifest is opened (config and layer checked, the object
     * decompressed within limits) and published as the version its config names, unless it is one
     * architecture's build pushed by digest: that waits for the image index that publishes the version with
     * all its architectures. Anything else must be an attachment to something, i.e. carry a {@code subject},
     * and be pushed by digest.
     */
    public Pushed put(PackageName repository, ManifestRef reference, InputStream bodyStream, Caller caller)
        throws IOException {
        byte[] body = Limits.readAtMost(bodyStream, limits.maxManifestSize(), "a manifest");
        Digest digest = Digest.sha256(body);
        if (reference.digest() != null && !reference.digest().equals(digest)) {
            throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "the manifest's digest is " + digest
                + ", not " + reference);
        }
        if (OciIndex.isIndex(body)) {
            publishIndex(repository, reference, body, caller);
            return new Pushed(digest, null);
        }
        OciManifest parsed;
        try {
            parsed = OciManifest.parse(body);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        requireBlobs(repository.value(), parsed);
        if (PackageArtifact.isPackage(parsed)) {
            Opened opened = open(repository, parsed, body);
            if (reference.digest() != null && opened.pkg().info().arch() != null) {
                // One architecture's build, pushed by digest the way multi-arch images are: a variant for the
                // index that names it to come, not a version yet.
                manifests.saveVariant(repository.value(), digest, parsed, body);
                return new Pushed(digest, null);
            }
            publishPackage(repository, reference, opened, caller);
            return new Pushed(digest, null);
        }
        if (PackageArtifact.isWasm(parsed) && parsed.subject() == null) {
            publishModule(repository, reference, parsed, body, caller);
            return new Pushed(digest, null);
        }
        Digest legacySubject = legacySubject(reference);
        if (legacySubject != null) {
            // cosign's tag scheme for registries without referrers: a movable tag naming the signed digest.
            attachments.check(parsed, legacySubject);
            manifests.saveTagged(repository.value(), reference.version().tag().toString(), legacySubject, digest, parsed,
                body);
            return new Pushed(digest, null);
        }
        if (parsed.subject() == null) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "this registry stores ebpm packages "
                + "(artifactType " + PackageArtifact.ARTIFACT_TYPE + "), wasm modules (config "
                + WasmFormat.CONFIG_MEDIA_TYPE + ") and artifacts attached to them with a subject (signatures, "
                + "SBOMs); this manifest is none of these");
        }
        if (reference.digest() == null) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "an attached artifact is pushed by digest, "
                + "not tagged: only package versions take tags here");
        }
        attachments.check(parsed, parsed.subject().digest());
        manifests.saveAttachment(repository.value(), digest, parsed, body);
        return new Pushed(digest, parsed.subject().digest());
    }

    /** The digest a cosign attachment tag ({@code sha256-<hex>.sig}) names; null for any other reference. */
    private static Digest legacySubject(ManifestRef reference) {
        return reference.version() == null || reference.version().tag() == null ? null
            : CosignArtifacts.legacySubject(reference.version().tag().toString());
    }

    /** A pushed package manifest with its config and layer, opened and checked against the repository. */
    private record Opened(EbpmPackage pkg, PackageArtifact artifact) {
    }

    private Opened open(PackageName repository, OciManifest parsed, byte[] body) {
        OciDescriptor configRef = parsed.config();
        if (configRef.size() > limits.maxConfigSize()) {
            throw ApiException.tooLarge("the package config is " + configRef.size() + " bytes, over the "
                + limits.maxConfigSize() + "-byte limit");
        }
        if (parsed.layers().isEmpty()) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "an ebpm package's first layer is the BPF "
                + "object; this manifest has no layers");
        }
        OciDescriptor btfRef;
        try {
            btfRef = PackageArtifact.btfLayer(parsed);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        if (btfRef != null && btfRef.size() > limits.maxPackageSize()) {
            throw ApiException.tooLarge("the package's kernel BTF layer is " + btfRef.size() + " bytes, over the "
                + limits.maxPackageSize() + "-byte limit");
        }
        OciDescriptor layerRef = parsed.layers().get(0);
        if (layerRef.size() > limits.maxObjectSize()) {
            throw ApiException.tooLarge("the package layer is " + layerRef.size() + " bytes, over the "
                + limits.maxObjectSize() + "-byte limit");
        }
        byte[] config = blobs.read(configRef.digest(), configRef.size());
        byte[] layer = blobs.read(layerRef.digest(), layerRef.size());
        byte[] btf = btfRef == null ? null : blobs.read(btfRef.digest(), btfRef.size());
        EbpmPackage pkg;
        try {
            pkg = PackageArtifact.open(parsed, config, layer, btf);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        if (!pkg.info().name().equals(repository.value())) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "the package's config names it "
                + pkg.info().name() + "; push it to that repository, not " + repository);
        }
        return new Opened(pkg, new PackageArtifact(parsed, body, config, layer, btf));
    }

    private void publishPackage(PackageName repository, ManifestRef reference, Opened opened, Caller caller) {
        SemVer version = SemVer.parse(opened.pkg().info().version());
        SemVer pushedAs = reference.version() == null ? null : reference.version().version();
        if (pushedAs != null && !pushedAs.toString().equals(version.toString())) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "pushed as " + repository + ":" + reference
                + " but the package's config says version " + version);
        }
        TagName tag = reference.version() == null ? null : reference.version().tag();
        publisher.publish(new PublishRequest(repository, version, opened.pkg(), opened.artifact(),
            tag == null ? List.of() : List.of(tag), caller, null, true));
    }

    /**
     * An image index pushed as a version: one package version built for several architectures. Each entry
     * must be a package manifest pushed to this repository before (by digest), of this name and version, built
     * for the architecture its entry's platform names.
     */
    private void publishIndex(PackageName repository, ManifestRef reference, byte[] body, Caller caller) {
        SemVer version = reference.version() == null ? null : reference.version().version();
        if (version == null) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "push an image index as the version it is ("
                + repository + ":1.0.0, say), after its architectures' manifests by digest");
        }
        OciIndex index;
        try {
            index = OciIndex.parse(body);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        List<PublishRequest> variants = new ArrayList<>();
        for (OciIndex.Variant v : index.variants()) {
            StoredManifest child = manifests.find(repository.value(), v.manifest().digest()).orElseThrow(() ->
                ApiException.badRequest(ErrorCode.MANIFEST_BLOB_UNKNOWN, "the index names manifest "
                    + v.manifest().digest() + " (" + v.arch() + "), which was not pushed to " + repository));
            OciManifest parsed;
            try {
                parsed = OciManifest.parse(child.content);
            } catch (PackageFormatException e) {
                throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "the " + v.arch() + " entry: " + e.getMessage());
            }
            if (!PackageArtifact.isPackage(parsed) || PackageArtifact.isWasm(parsed) || parsed.subject() != null) {
                throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "the " + v.arch() + " entry of an index is "
                    + "an ebpm package manifest (artifactType " + PackageArtifact.ARTIFACT_TYPE + "), not "
                    + parsed.effectiveArtifactType());
            }
            if (child.content.length != v.manifest().size()) {
                throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "the index says the " + v.arch()
                    + " manifest is " + v.manifest().size() + " bytes; it is " + child.content.length);
            }
            Opened opened = open(repository, parsed, child.content);
            String arch = opened.pkg().info().arch();
            if (!v.arch().equals(arch)) {
                throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "the index lists " + v.manifest().digest()
                    + " as " + v.arch() + ", but that package was built for " + (arch == null ? "any architecture "
                    + "(no ecc --target-arch)" : arch));
            }
            if (!opened.pkg().info().version().equals(version.toString())) {
                throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "pushed as " + repository + ":" + version
                    + " but the " + v.arch() + " package's config says version " + opened.pkg().info().version());
            }
            variants.add(new PublishRequest(repository, version, opened.pkg(), opened.artifact(), List.of(), caller,
                null, true));
        }
        publisher.publishVariants(new VariantsRequest(repository, version, index, body, variants, caller));
    }

    /**
     * A wasm module pushed the way eunomia's ecli push and ORAS push one: the version is the tag it is pushed
     * as, the module is its first wasm layer, opened as a REST publish opens one; the manifest is kept as
     * pushed, so its digest is the pusher's.
     */
    private void publishModule(PackageName repository, ManifestRef reference, OciManifest parsed, byte[] body,
                               Caller caller) {
        SemVer version = reference.version() == null ? null : reference.version().version();
        if (version == null) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "push a wasm module as the version it is ("
                + repository + ":1.0.0, say): versions are what this registry keeps, and tags then point at them");
        }
        OciDescriptor layerRef;
        try {
            layerRef = PackageArtifact.wasmLayer(parsed);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        long maxModule = Math.min(limits.maxPackageSize(), WasmFormat.MAX_MODULE_BYTES);
        if (layerRef.size() > maxModule) {
            throw ApiException.tooLarge("the wasm module is " + layerRef.size() + " bytes, over the " + maxModule
                + "-byte limit");
        }
        OciDescriptor configRef = parsed.config();
        if (configRef.size() > limits.maxConfigSize()) {
            throw ApiException.tooLarge("the module's config is " + configRef.size() + " bytes, over the "
                + limits.maxConfigSize() + "-byte limit");
        }
        byte[] module = blobs.read(layerRef.digest(), layerRef.size());
        byte[] config = blobs.read(configRef.digest(), configRef.size());
        ModuleUpload m = ModuleUpload.read(module, repository, version, limits.maxObjectSize());
        publisher.publish(new PublishRequest(repository, version, m.pkg(), new PackageArtifact(parsed, body, config,
            module), List.of(), caller, null, true, m.details()));
    }

    /** Every blob a manifest names must be in the repository (or in the store: then it is linked here). */
    private void requireBlobs(String repository, OciManifest parsed) {
        List<OciDescriptor> all = new ArrayList<>(parsed.layers());
        all.add(parsed.config());
        for (OciDescriptor d : all) {
            if (blobs.find(repository, d.digest()).isPresent()) {
                continue;
            }
            if (blobs.find(d.digest()).isPresent()) {
                blobs.link(repository, d.digest());
            } else if (d.digest().equals(EMPTY_JSON_DIGEST)) {
                blobs.store(EMPTY_JSON, d.digest(), repository);
            } else {
                throw ApiException.badRequest(ErrorCode.MANIFEST_BLOB_UNKNOWN, "the manifest names blob " + d.digest()
                    + ", which was not pushed to " + repository);
            }
        }
    }

    /** The manifest a reference names: a digest, a version, a tag or {@code latest}; 410 for a removed version. */
    public ManifestView get(PackageName repository, ManifestRef reference) {
        if (legacySubject(reference) != null) {
            // Movable and rewritten by every cosign sign: read each time, never cached.
            return ManifestView.of(manifests.tagged(repository.value(), reference.toString()).orElseThrow(() ->
                ApiException.notFound(ErrorCode.MANIFEST_UNKNOWN, repository + " has no attachment " + reference)));
        }
        ManifestView cached = cache.get(repository.value(), reference.toString());
        if (cached != null) {
            return cached;
        }
        long generation = cache.generation();
        ManifestView found = ManifestView.of(lookup(repository, reference));
        cache.put(repository.value(), reference.toString(), found, reference.isPinned(), generation);
        return found;
    }

    /** Resolves again and replaces the cached answer (or drops it when the reference no longer resolves). */
    public void refresh(String repository, String reference) {
        try {
            PackageName name = PackageName.parse(repository);
            ManifestRef ref = ManifestRef.parse(reference);
            long generation = cache.generation();
            cache.put(repository, reference, ManifestView.of(lookup(name, ref)), ref.isPinned(), generation);
        } catch (RuntimeException e) {
            cache.forget(repository, reference);
        }
    }

    private StoredManifest lookup(PackageName repository, ManifestRef reference) {
        if (reference.digest() != null) {
            StoredManifest m = manifests.find(repository.value(), reference.digest()).orElseThrow(() ->
                ApiException.notFound(ErrorCode.MANIFEST_UNKNOWN, repository + " has no manifest " + reference));
            lookup.removalOf(repository, reference.digest()).ifPresent(r -> {
                throw r.gone();
            });
            return m;
        }
        try {
            ResolvedVersion r = lookup.resolve(repository, reference.version());
            return manifests.byId(r.version().manifestId);
        } catch (ApiException e) {
            if (e.status() == 404 && e.code() != ErrorCode.NAME_UNKNOWN) {
                throw ApiException.notFound(ErrorCode.MANIFEST_UNKNOWN, e.getMessage());
            }
            throw e;
        }
    }
}
