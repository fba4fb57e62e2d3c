package dev.ebpm.registry.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.catalog.CatalogViews;
import dev.ebpm.registry.catalog.VersionDetails;
import dev.ebpm.registry.catalog.VersionView;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.VersionRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Publishes versions, whichever way they arrive (REST package file, OCI manifest or index push, finished build):
 * checks the package and derives its details, puts the blobs into the object store (content-addressed,
 * so storing is safe before any row exists), then writes every row in one transaction
 * ({@link PublishTransaction}).
 */
@ApplicationScoped
public class PublishService {
    private final BlobService blobs;
    private final PublishTransaction transaction;
    private final ObjectMapper json;
    private final Limits limits;
    private final CatalogViews views;

    PublishService(BlobService blobs, PublishTransaction transaction, ObjectMapper json, Limits limits,
                   CatalogViews views) {
        this.blobs = blobs;
        this.transaction = transaction;
        this.json = json;
        this.limits = limits;
        this.views = views;
    }

    /** A package file sent over REST ({@code .ebpm}, eunomia {@code package.json} or yaml), as the version it names. */
    public VersionView publishFile(PackageName name, SemVer version, List<TagName> tags, Caller caller,
                                   String contentType, InputStream body) throws IOException {
        byte[] bytes = Limits.readAtMost(body, limits.maxPackageSize(), "a package file");
        if (WasmFormat.looksLikeWasm(bytes) || contentType != null && contentType.startsWith(WasmFormat.MEDIA_TYPE)) {
            publishModule(name, version, ModuleUpload.read(bytes, name, version, limits.maxObjectSize()), tags, caller,
                null);
        } else {
            PackageUpload upload = PackageUpload.read(bytes, contentType, name, version, limits.maxObjectSize());
            publish(name, version, upload.pkg(), upload.layer(), tags, caller, null);
        }
        return views.version(name, VersionRef.of(version));
    }

    /** Publishes a wasm module; the server builds its OCI artifact (the manifest eunomia's ecli and ORAS push). */
    public PublishResult publishModule(PackageName name, SemVer version, ModuleUpload m, List<TagName> tags,
                                       Caller caller, UUID buildId) {
        return publish(new PublishRequest(name, version, m.pkg(), PackageArtifact.wasm(m.pkg().info(), m.module()),
            tags, caller, buildId, false, m.details()));
    }

    /** Publishes a package's content; the server builds the OCI artifact for it. */
    public PublishResult publish(PackageName name, SemVer version, EbpmPackage pkg, byte[] layer, List<TagName> tags,
                                 Caller caller, UUID buildId) {
        return publish(new PublishRequest(name, version, pkg, PackageArtifact.of(pkg, layer), tags, caller, buildId,
            false));
    }

    public PublishResult publish(PublishRequest r) {
        Prepared p = prepare(r);
        return transaction.insert(r, p.file(), p.details());
    }

    /**
     * A version built for several architectures: each variant is checked and stored as a single-arch publish
     * would be, then the version and all its variants are written in one transaction.
     */
    public PublishResult publishVariants(VariantsRequest r) {
        List<Prepared> prepared = r.variants().stream().map(this::prepare).toList();
        return transaction.insertVariants(r, prepared);
    }

    /** A variant or a version checked, its details derived and its package file in the object store. */
    record Prepared(PublishTransaction.PackageFile file, String details) {
    }

    private Prepared prepare(PublishRequest r) {
        if (!r.pkg().info().name().equals(r.name().value())) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the package names itself "
                + r.pkg().info().name() + ", not " + r.name());
        }
        if (!r.pkg().info().version().equals(r.version().toString())) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the package is version "
                + r.pkg().info().version() + ", not " + r.version());
        }
        if (r.pkg().elf().length > limits.maxObjectSize()) {
            throw ApiException.tooLarge("the BPF object is " + r.pkg().elf().length + " bytes, over the "
                + limits.maxObjectSize() + "-byte limit");
        }
        VersionDetails details;
        try {
            details = PackageInspector.inspect(r.pkg());
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, e.getMessage());
        }
        if (r.isModule()) {
            details = details.asModule(r.module());
        }
        PackageArtifact a = r.artifact();
        // A module's package file is the module itself: what eunomia's ecli pull and ORAS write out.
        byte[] packageFile = r.isModule() ? a.layer() : EbpmPackageCodec.write(r.pkg(), a.layer(), a.btf());
        Digest packageDigest = Digest.sha256(packageFile);
        if (!r.pushed()) {
            blobs.putObject(a.model().config().digest(), a.config());
            blobs.putObject(a.model().layers().get(0).digest(), a.layer());
            if (a.btf() != null) {
                blobs.putObject(a.model().layers().get(1).digest(), a.btf());
            }
        }
        if (!r.isModule()) {
            blobs.putObject(packageDigest, packageFile);
        }
        return new Prepared(new PublishTransaction.PackageFile(packageDigest, packageFile), json(details));
    }

    private String json(VersionDetails details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
