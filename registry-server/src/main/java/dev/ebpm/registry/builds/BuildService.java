package dev.ebpm.registry.builds;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.sourcearchive.SourceArchive;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.catalog.CatalogService;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.download.PackageFiles;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.oci.BlobService;
import dev.ebpm.registry.publish.PublishResult;
import dev.ebpm.registry.publish.PublishService;
import dev.ebpm.registry.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of a build: created from checked sources, leased by workers, reported as a package (which
 * is then published like any other, with the build recorded) or as a failure with its log.
 */
@ApplicationScoped
public class BuildService {
    private final BuildQueue queue;
    private final BlobService blobs;
    private final BlobStore store;
    private final CatalogService catalog;
    private final PublishService publisher;
    private final BuildConfig config;
    private final PackageFiles files;

    BuildService(BuildQueue queue, BlobService blobs, BlobStore store, CatalogService catalog,
                 PublishService publisher, BuildConfig config, PackageFiles files) {
        this.files = files;
        this.queue = queue;
        this.blobs = blobs;
        this.store = store;
        this.catalog = catalog;
        this.publisher = publisher;
        this.config = config;
    }

    public BuildView create(Caller caller, String name, String version, byte[] archive) {
        CatalogService.checkName(name);
        CatalogService.checkVersion(version);
        if (catalog.find(name).flatMap(p -> catalog.version(p, version)).isPresent()) {
            throw ApiException.conflict(ErrorCode.VERSION_EXISTS, name + "@" + version + " is already published");
        }
        try {
            SourceArchive.read(archive, config.maxFiles(), config.maxUnpackedSize());
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.SOURCES_INVALID, e.getMessage());
        }
        Digest digest = Digest.sha256(archive);
        blobs.store(archive, digest, null);
        Build build = queue.insert(name, version, digest, archive.length, caller.tokenId());
        Optional<Build> earlier = queue.succeededWith(digest);
        return BuildView.from(earlier.isPresent() ? reuse(build, earlier.get()) : build);
    }

    /**
     * Identical sources compile to the identical object: publish the earlier build's program under the new
     * name and version instead of compiling again (the package's description, license, keywords and README
     * come along; its identity is the new one).
     */
    private Build reuse(Build build, Build earlier) {
        PackageVersion done = catalog.versionById(earlier.versionId);
        String log = "identical sources to build " + earlier.id + " (" + earlier.packageName + "@" + earlier.version
            + "); reusing its compiled program instead of compiling again\n";
        try {
            EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(files.ebpm(done), done.packageDigest, size -> { });
            EbpmPackage old = opened.pkg();
            PackageInfo i = old.info();
            EbpmPackage pkg = new EbpmPackage(new PackageInfo(build.packageName, build.version, i.description(),
                i.license(), i.keywords()), old.meta(), old.elf(), old.readme());
            PublishResult published = publisher.publish(build.packageName, build.version, pkg,
                opened.storedObject(), List.of(), null, build.id);
            return queue.completeWithoutWorker(build.id, published.versionId(), null, log);
        } catch (ApiException e) {
            queue.completeWithoutWorker(build.id, null, "publishing the reused program failed: " + e.getMessage(), log);
            throw e;
        }
    }

    public BuildView view(UUID id) {
        return BuildView.from(queue.get(id));
    }

    public Optional<Lease> lease(String worker) {
        return queue.lease(worker == null || worker.isBlank() ? "worker" : worker.strip());
    }

    public Lease heartbeat(UUID build, UUID lease) {
        return queue.heartbeat(build, lease);
    }

    public byte[] sources(UUID build, UUID lease) {
        Build b = queue.holding(build, lease);
        return store.read(Digest.parse(b.sourceDigest), b.sourceSize);
    }

    public void log(UUID build, UUID lease, String text) {
        queue.appendLog(build, lease, text);
    }

    /**
     * Publishes what the worker built, as the version the build was asked for; a package that does not
     * publish (wrong name, invalid) fails the build with the reason.
     */
    public BuildView succeed(UUID build, UUID lease, byte[] packageFile) {
        Build b = queue.holding(build, lease);
        try {
            EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(packageFile, "the built package", size -> { });
            PublishResult published = publisher.publish(b.packageName, b.version, opened.pkg(),
                opened.storedObject(), List.of(), null, b.id);
            return BuildView.from(queue.finish(build, lease, published.versionId(), null, null));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.LEASE_LOST) {
                throw e;
            }
            queue.finish(build, lease, null, "publishing the built package failed: " + e.getMessage(), null);
            throw e;
        } catch (RuntimeException e) {
            queue.finish(build, lease, null, "the worker sent an invalid package: " + e.getMessage(), null);
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the built package is not valid: "
                + e.getMessage());
        }
    }

    public BuildView fail(UUID build, UUID lease, String log) {
        return BuildView.from(queue.finish(build, lease, null, "the compile failed", log));
    }
}
