package dev.ebpm.registry.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.TagName;
import dev.ebpm.registry.catalog.VersionDetails;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.oci.BlobService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Publishes versions, whichever way they arrive (REST package file, OCI manifest push, finished build):
 * checks the package and derives its details, stores the blobs (content-addressed, so storing is safe
 * before the rows exist), then writes every row in one transaction ({@link PublishTransaction}).
 */
@ApplicationScoped
public class PublishService {
    private final BlobService blobs;
    private final PublishTransaction transaction;
    private final ObjectMapper json;
    private final Limits limits;

    PublishService(BlobService blobs, PublishTransaction transaction, ObjectMapper json, Limits limits) {
        this.blobs = blobs;
        this.transaction = transaction;
        this.json = json;
        this.limits = limits;
    }

    /** Publishes a package file's content (REST); the server builds the OCI artifact for it. */
    public PublishResult publish(String name, String version, EbpmPackage pkg, byte[] layer, List<String> tags,
                                 Caller caller, UUID buildId) {
        PackageArtifact artifact = PackageArtifact.of(pkg, layer);
        return publish(new PublishRequest(name, version, pkg, OciManifest.parse(artifact.manifest()),
            artifact.manifest(), artifact.config(), artifact.layer(), tags, caller, buildId, false));
    }

    public PublishResult publish(PublishRequest r) {
        CatalogService.checkName(r.name());
        CatalogService.checkVersion(r.version());
        if (!r.pkg().info().name().equals(r.name())) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the package names itself "
                + r.pkg().info().name() + ", not " + r.name());
        }
        if (!r.pkg().info().version().equals(r.version())) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the package is version "
                + r.pkg().info().version() + ", not " + r.version());
        }
        for (String tag : r.tags()) {
            String problem = TagName.problem(tag);
            if (problem != null) {
                throw ApiException.badRequest(ErrorCode.TAG_INVALID, problem);
            }
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
        byte[] packageFile = EbpmPackageCodec.write(r.pkg(), r.layer());
        Digest manifestDigest = Digest.sha256(r.manifest());
        blobs.store(r.config(), r.parsedManifest().config().digest(), r.name());
        blobs.store(r.layer(), r.parsedManifest().layers().get(0).digest(), r.name());
        Digest packageDigest = Digest.sha256(packageFile);
        blobs.store(packageFile, packageDigest, null);
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return transaction.insert(r, manifestDigest, packageDigest, packageFile.length, detailsJson);
    }
}
