package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.ResolvedVersion;
import dev.ebpm.registry.catalog.TagName;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.publish.Limits;
import dev.ebpm.registry.publish.PublishRequest;
import dev.ebpm.registry.publish.PublishService;
import jakarta.enterprise.context.ApplicationScoped;

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
    private final CatalogService catalog;
    private final PublishService publisher;
    private final Limits limits;
    private final ManifestCache cache;

    ManifestService(BlobService blobs, Manifests manifests, CatalogService catalog, PublishService publisher,
                    Limits limits, ManifestCache cache) {
        this.cache = cache;
        this.blobs = blobs;
        this.manifests = manifests;
        this.catalog = catalog;
        this.publisher = publisher;
        this.limits = limits;
    }

    public record Pushed(Digest digest, Digest subject) {
    }

    /**
     * Stores a pushed manifest. A package manifest is opened (config and layer checked, the object
     * decompressed within limits) and published as the version its config names; anything else must be an
     * attachment to something, i.e. carry a {@code subject}, and be pushed by digest.
     */
    public Pushed put(String repository, String reference, byte[] body, Caller caller) {
        Digest digest = Digest.sha256(body);
        boolean byDigest = OciDigests.looksLikeDigest(reference);
        if (byDigest && !OciDigests.parse(reference).equals(digest)) {
            throw ApiException.badRequest(ErrorCode.DIGEST_INVALID, "the manifest's digest is " + digest
                + ", not " + reference);
        }
        if (!byDigest && !TagName.isOciTag(reference)) {
            throw ApiException.badRequest(ErrorCode.TAG_INVALID, "\"" + reference + "\" is not a valid tag");
        }
        OciManifest parsed;
        try {
            parsed = OciManifest.parse(body);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        requireBlobs(repository, parsed);
        if (PackageArtifact.isPackage(parsed)) {
            publishPackage(repository, reference, byDigest, body, parsed, caller);
            return new Pushed(digest, null);
        }
        if (parsed.subject() == null) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "this registry stores ebpm packages "
                + "(artifactType " + PackageArtifact.ARTIFACT_TYPE + ") and artifacts attached to them with a "
                + "subject (signatures, SBOMs); this manifest is neither");
        }
        if (!byDigest) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "an attached artifact is pushed by digest, "
                + "not tagged: only package versions take tags here");
        }
        manifests.saveAttachment(repository, digest, parsed, body);
        return new Pushed(digest, parsed.subject().digest());
    }

    private void publishPackage(String repository, String reference, boolean byDigest, byte[] body,
                                OciManifest parsed, Caller caller) {
        OciDescriptor configRef = parsed.config();
        if (configRef.size() > limits.maxConfigSize()) {
            throw ApiException.tooLarge("the package config is " + configRef.size() + " bytes, over the "
                + limits.maxConfigSize() + "-byte limit");
        }
        if (parsed.layers().size() != 1) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "an ebpm package has exactly one layer (the "
                + "BPF object), this manifest has " + parsed.layers().size());
        }
        OciDescriptor layerRef = parsed.layers().get(0);
        if (layerRef.size() > limits.maxObjectSize()) {
            throw ApiException.tooLarge("the package layer is " + layerRef.size() + " bytes, over the "
                + limits.maxObjectSize() + "-byte limit");
        }
        byte[] config = blobs.read(configRef.digest(), configRef.size());
        byte[] layer = blobs.read(layerRef.digest(), layerRef.size());
        EbpmPackage pkg;
        try {
            pkg = PackageArtifact.open(parsed, config, layer);
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        if (!pkg.info().name().equals(repository)) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "the package's config names it "
                + pkg.info().name() + "; push it to that repository, not " + repository);
        }
        String version = pkg.info().version();
        if (!byDigest && SemVer.isValid(reference) && !reference.equals(version)) {
            throw ApiException.badRequest(ErrorCode.MANIFEST_INVALID, "pushed as " + repository + ":" + reference
                + " but the package's config says version " + version);
        }
        List<String> tags = byDigest || SemVer.isValid(reference) ? List.of() : List.of(reference);
        publisher.publish(new PublishRequest(repository, version, pkg, parsed, body, config, layer, tags, caller,
            null, true));
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

    /** The manifest a reference names: a digest, a version, a tag or {@code latest}. */
    public ManifestView get(String repository, String reference) {
        ManifestView cached = cache.get(repository, reference);
        if (cached != null) {
            return cached;
        }
        ManifestView found = ManifestView.of(lookup(repository, reference));
        cache.put(repository, reference, found);
        return found;
    }

    /** Resolves again and replaces the cached answer (or drops it when the reference no longer resolves). */
    public void refresh(String repository, String reference) {
        try {
            cache.put(repository, reference, ManifestView.of(lookup(repository, reference)));
        } catch (RuntimeException e) {
            cache.forget(repository, reference);
        }
    }

    private StoredManifest lookup(String repository, String reference) {
        CatalogService.checkName(repository);
        if (OciDigests.looksLikeDigest(reference)) {
            Digest d = OciDigests.parse(reference);
            return manifests.find(repository, d).orElseThrow(() -> ApiException.notFound(ErrorCode.MANIFEST_UNKNOWN,
                repository + " has no manifest " + d));
        }
        try {
            ResolvedVersion r = catalog.resolve(repository, reference);
            return manifests.byId(r.version().manifestId);
        } catch (ApiException e) {
            if (e.status() == 404 && e.code() != ErrorCode.NAME_UNKNOWN) {
                throw ApiException.notFound(ErrorCode.MANIFEST_UNKNOWN, e.getMessage());
            }
            throw e;
        }
    }
}
