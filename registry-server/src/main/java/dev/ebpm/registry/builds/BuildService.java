package dev.ebpm.registry.builds;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.provenance.BuildEnvironment;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.sourcearchive.SourceArchive;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.auth.Caller;
import dev.ebpm.registry.catalog.PackageLookup;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.db.DatabaseOutage;
import dev.ebpm.registry.download.PackageFiles;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.publish.Limits;
import dev.ebpm.registry.publish.ModuleUpload;
import dev.ebpm.registry.publish.PublishResult;
import dev.ebpm.registry.publish.PublishService;
import dev.ebpm.registry.reference.Inputs;
import dev.ebpm.registry.storage.StorageException;
import dev.ebpm.registry.trust.ProvenanceRequest;
import dev.ebpm.registry.trust.ProvenanceService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of a build: created from checked sources, leased by workers, reported as a package (which
 * is then published like any other, with the build recorded) or as a failure with its log. Reports are
 * idempotent: a worker that repeats one under the lease it finished with gets the build as it finished.
 */
@ApplicationScoped
public class BuildService {
    /** Hostnames and the like; anything longer is not a worker's name. */
    public static final int MAX_WORKER_NAME = 200;
    private static final int MAX_LOG_CHUNK = 1 << 20;
    /** Where the worker says it built: tools, versions, sandbox (base64 of JSON). */
    public static final String ENVIRONMENT_HEADER = "Ebpm-Build-Environment";

    private final BuildQueue queue;
    private final BlobService blobs;
    private final PackageLookup lookup;
    private final PublishService publisher;
    private final BuildConfig config;
    private final PackageFiles files;
    private final Limits limits;
    private final Manifests manifests;
    private final ProvenanceService provenance;

    BuildService(BuildQueue queue, BlobService blobs, PackageLookup lookup, PublishService publisher,
                 BuildConfig config, PackageFiles files, Limits limits, Manifests manifests,
                 ProvenanceService provenance) {
        this.manifests = manifests;
        this.provenance = provenance;
        this.queue = queue;
        this.blobs = blobs;
        this.lookup = lookup;
        this.publisher = publisher;
        this.config = config;
        this.files = files;
        this.limits = limits;
    }

    public BuildView create(Caller caller, PackageName name, SemVer version, InputStream body) throws IOException {
        byte[] archive = Limits.readAtMost(body, config.maxArchiveSize(), "a source archive");
        Optional<PackageVersion> taken = lookup.find(name).flatMap(p -> lookup.version(p, version));
        if (taken.isPresent()) {
            throw ApiException.conflict(ErrorCode.VERSION_EXISTS, name + "@" + version + (taken.get().removed()
                ? " was removed from this registry and version numbers are never reused" : " is already published"));
        }
        try {
            SourceArchive.read(archive, config.maxFiles(), config.maxUnpackedSize());
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.SOURCES_INVALID, e.getMessage());
        }
        Digest digest = Digest.sha256(archive);
        blobs.store(archive, digest, null);
        Build build = queue.insert(name.value(), version.toString(), digest, archive.length, caller.tokenId());
        Optional<Build> earlier = queue.succeededWith(digest);
        return BuildView.from(earlier.isPresent() ? reuse(build, earlier.get()) : build);
    }

    /**
     * Identical sources compile to the identical object: publish the earlier build's program under the new
     * name and version instead of compiling again (the package's description, license, keywords and README
     * come along; its identity is the new one).
     */
    private Build reuse(Build build, Build earlier) {
        PackageVersion done = lookup.versionById(earlier.versionId);
        String log = "identical sources to build " + earlier.id + " (" + earlier.packageName + "@" + earlier.version
            + "); reusing its compiled program instead of compiling again\n";
        try {
            PackageName name = PackageName.parse(build.packageName);
            SemVer version = SemVer.parse(build.version);
            EbpmPackage pkg;
            PublishResult published;
            if (done.isWasm()) {
                ModuleUpload m = ModuleUpload.read(files.packageFile(done), name, version, limits.maxObjectSize());
                pkg = m.pkg();
                published = publisher.publishModule(name, version, m, List.of(), null, build.id);
            } else {
                EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(files.packageFile(done), done.build.packageDigest, s -> { });
                EbpmPackage old = opened.pkg();
                PackageInfo i = old.info();
                pkg = new EbpmPackage(new PackageInfo(build.packageName, build.version, i.description(), i.license(),
                    i.keywords()), old.meta(), old.elf(), old.readme());
                published = publisher.publish(name, version, pkg, opened.storedObject(), List.of(), null, build.id);
            }
            Build completed = queue.completeWithoutWorker(build.id, published.versionId(), null, log,
                earlier.environment);
            attest(completed, published.manifestDigest(), pkg);
            return completed;
        } catch (ApiException e) {
            queue.completeWithoutWorker(build.id, null, "publishing the reused program failed: " + e.getMessage(), log,
                null);
            throw e;
        }
    }

    public BuildView view(UUID id) {
        return BuildView.from(queue.get(id));
    }

    /** The sources of a build that published a version; 404 for builds that did not (yet). */
    public byte[] publishedSources(UUID id) {
        Build b = queue.get(id);
        if (b.versionId == null) {
            throw ApiException.notFound(ErrorCode.BUILD_UNKNOWN, "build " + id + " published nothing, so its sources "
                + "are not served");
        }
        return blobs.read(Digest.parse(b.sourceDigest), b.sourceSize);
    }

    public Optional<Lease> lease(String worker) {
        Inputs.text("a worker's name", worker, MAX_WORKER_NAME);
        return queue.lease(worker == null || worker.isBlank() ? "worker" : worker.strip());
    }

    public Lease heartbeat(UUID build, UUID lease) {
        return queue.heartbeat(build, lease);
    }

    public byte[] sources(UUID build, UUID lease) {
        Build b = queue.holding(build, lease);
        return blobs.read(Digest.parse(b.sourceDigest), b.sourceSize);
    }

    /** Appends worker output; false when {@code sequence} says the chunk was appended already. */
    public boolean log(UUID build, UUID lease, Long sequence, InputStream body) throws IOException {
        if (sequence != null && sequence < 1) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "Ebpm-Log-Sequence counts from 1");
        }
        return queue.appendLog(build, lease, sequence, text(body));
    }

    /**
     * Publishes what the worker built, as the version the build was asked for; a package that does not
     * publish (wrong name, invalid) fails the build with the reason.
     */
    public BuildView succeed(UUID build, UUID lease, InputStream body, String environment) throws IOException {
        byte[] packageFile = Limits.readAtMost(body, limits.maxPackageSize(), "a package file");
        BuildEnvironment env = environment(environment);
        Optional<Build> repeated = queue.finishedUnder(build, lease);
        if (repeated.isPresent()) {
            Build b = repeated.get();
            if (b.versionId != null) {
                // The first report may have been cut off before the provenance was stored: attesting is idempotent.
                attest(b, Digest.parse(manifests.byId(lookup.versionById(b.versionId).manifestId).digest),
                    built(b, packageFile).pkg());
            }
            return BuildView.from(b);
        }
        Build b = queue.holding(build, lease);
        try {
            Built result = built(b, packageFile);
            PublishResult published = result.module() != null
                ? publisher.publishModule(PackageName.parse(b.packageName), SemVer.parse(b.version), result.module(),
                    List.of(), null, b.id)
                : publisher.publish(PackageName.parse(b.packageName), SemVer.parse(b.version), result.pkg(),
                    result.layer(), List.of(), null, b.id);
            String reported = Json.canonicalString((env != null ? env
                : new BuildEnvironment(b.worker == null ? "worker" : b.worker, Map.of(), Map.of())).toJson());
            Build done = queue.finish(build, lease, published.versionId(), null, null, reported);
            attest(done, published.manifestDigest(), result.pkg());
            return BuildView.from(done);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.LEASE_LOST) {
                throw e;
            }
            queue.finish(build, lease, null, "publishing the built package failed: " + e.getMessage(), null);
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof StorageException || DatabaseOutage.isCause(e)) {
                // An outage, not the package's fault: the build stays leased and the worker reports again.
                throw e;
            }
            queue.finish(build, lease, null, "the worker sent an invalid package: " + e.getMessage(), null);
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the built package is not valid: "
                + e.getMessage());
        }
    }

    /** What a worker sent: an .ebpm package (with its stored layer), or a wasm module (told by its header). */
    private record Built(EbpmPackage pkg, byte[] layer, ModuleUpload module) {
    }

    private Built built(Build b, byte[] sent) {
        if (WasmFormat.looksLikeWasm(sent)) {
            ModuleUpload m = ModuleUpload.read(sent, PackageName.parse(b.packageName), SemVer.parse(b.version),
                limits.maxObjectSize());
            return new Built(m.pkg(), null, m);
        }
        EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(sent, "the built package", size -> { });
        return new Built(opened.pkg(), opened.storedObject(), null);
    }

    /** The worker's {@value #ENVIRONMENT_HEADER} header: base64 of a {@link BuildEnvironment}'s JSON. */
    private static BuildEnvironment environment(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > BuildEnvironment.MAX_SIZE * 2) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, ENVIRONMENT_HEADER + " is over "
                + BuildEnvironment.MAX_SIZE + " bytes");
        }
        try {
            return BuildEnvironment.parse(Base64.getDecoder().decode(header.strip()));
        } catch (IllegalArgumentException | PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, ENVIRONMENT_HEADER + " is not a build environment: "
                + e.getMessage());
        }
    }

    /** Attests a build that published a version before (see {@link ProvenanceBackfill}). */
    void attestPublished(UUID id) {
        Build b = queue.get(id);
        PackageVersion v = lookup.versionById(b.versionId);
        EbpmPackage pkg = v.isWasm() ? built(b, files.packageFile(v)).pkg()
            : EbpmPackageCodec.open(files.packageFile(v), v.build.packageDigest, size -> { }).pkg();
        attest(b, Digest.parse(manifests.byId(v.manifestId).digest), pkg);
    }

    /** The hub's signed provenance for what a build published. */
    private void attest(Build b, Digest manifest, EbpmPackage pkg) {
        BuildEnvironment env = b.environment == null ? new BuildEnvironment("worker", Map.of(), Map.of())
            : BuildEnvironment.parse(b.environment.getBytes(StandardCharsets.UTF_8));
        provenance.attest(new ProvenanceRequest(b.packageName, b.version, manifest, b.id, Digest.parse(b.sourceDigest),
            env, b.startedAt == null ? null : b.startedAt.toInstant(),
            b.finishedAt == null ? null : b.finishedAt.toInstant(), Digest.sha256(pkg.elf())));
    }

    public BuildView fail(UUID build, UUID lease, InputStream body) throws IOException {
        return BuildView.from(queue.finish(build, lease, null, "the compile failed", text(body)));
    }

    private static String text(InputStream body) throws IOException {
        return new String(body.readNBytes(MAX_LOG_CHUNK), StandardCharsets.UTF_8);
    }
}
