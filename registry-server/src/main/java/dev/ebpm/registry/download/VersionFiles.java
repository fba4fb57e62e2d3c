package dev.ebpm.registry.download;

import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.requirements.KernelRequirements;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.catalog.PackageLookup;
import dev.ebpm.registry.catalog.PackageVariant;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.catalog.ResolvedVersion;
import dev.ebpm.registry.catalog.StoredBuild;
import dev.ebpm.registry.catalog.StoredDetails;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.VersionRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** A version's files as the REST API serves them, each a counted download. */
@ApplicationScoped
public class VersionFiles {
    private static final String EBPM_TYPE = "application/vnd.ebpm.package.v1+tar";

    private final PackageLookup lookup;
    private final PackageFiles files;
    private final Downloads downloads;

    private final StoredDetails details;

    VersionFiles(PackageLookup lookup, PackageFiles files, Downloads downloads, StoredDetails details) {
        this.details = details;
        this.lookup = lookup;
        this.files = files;
        this.downloads = downloads;
    }

    public Response ebpm(PackageName name, VersionRef reference, String arch) {
        ResolvedVersion r = resolve(name, reference, false);
        Chosen c = choose(r, arch);
        downloads.version(r.version().id);
        return file(files.packageFile(c.build()), EBPM_TYPE, r.pkg().name.replace('/', '-') + "-"
            + r.version().version + (c.arch() == null ? "" : "-" + c.arch()) + ".ebpm", c, reference);
    }

    /** A wasm module as it was published: what eunomia's ecli pull writes out. */
    public Response wasm(PackageName name, VersionRef reference) {
        ResolvedVersion r = resolve(name, reference, true);
        downloads.version(r.version().id);
        return file(files.packageFile(r.version()), WasmFormat.MEDIA_TYPE, WasmFormat.DEFAULT_FILE_NAME,
            new Chosen(r.version().build, null), reference);
    }

    public Response eunomiaJson(PackageName name, VersionRef reference, String arch) {
        ResolvedVersion r = resolve(name, reference, false);
        Chosen c = choose(r, arch);
        downloads.version(r.version().id);
        return file(files.eunomiaJson(c.build()), MediaType.APPLICATION_JSON, "package.json", c, reference);
    }

    /** The package file asked for: the version's, or the named architecture's variant of it. */
    private record Chosen(StoredBuild build, String arch) {
    }

    /**
     * A version built for several architectures serves the variant {@code ?arch=} names, and asks for one when
     * none is named rather than guess; a version built once serves its file, unless it was built for another
     * architecture than the one asked for.
     */
    private Chosen choose(ResolvedVersion r, String arch) {
        PackageVersion v = r.version();
        String id = r.pkg().name + "@" + v.version;
        String wanted = arch == null || arch.isBlank() ? null : Architectures.of(arch);
        if (wanted != null && !Architectures.isKnown(wanted)) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "?arch= names none of " + Architectures.KNOWN);
        }
        List<PackageVariant> variants = lookup.variants(v);
        if (variants.isEmpty()) {
            KernelRequirements requires = details.of(v).requires();
            String built = requires == null ? null : requires.arch();
            if (wanted != null && built != null && !built.equals(wanted)) {
                throw ApiException.notFound(ErrorCode.NOT_FOUND, id + " was built for " + built + " only, not "
                    + wanted);
            }
            return new Chosen(v.build, null);
        }
        List<String> arches = variants.stream().map(x -> x.arch).toList();
        if (wanted == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, id + " is built for " + String.join(", ", arches)
                + ": name one with ?arch=ARCH");
        }
        PackageVariant chosen = variants.stream().filter(x -> x.arch.equals(wanted)).findFirst().orElseThrow(() ->
            ApiException.notFound(ErrorCode.NOT_FOUND, id + " has no " + wanted + " build; it is built for "
                + String.join(", ", arches)));
        return new Chosen(chosen.build, chosen.arch);
    }

    /** The version, if it is of the kind the file needs: a package's files are not a module's, nor the reverse. */
    private ResolvedVersion resolve(PackageName name, VersionRef reference, boolean wasm) {
        ResolvedVersion r = lookup.resolve(name, reference);
        if (r.version().isWasm() != wasm) {
            throw ApiException.notFound(ErrorCode.NOT_FOUND, name + "@" + r.version().version + " is "
                + (wasm ? "a package, not a wasm module: download package.ebpm or package.json"
                : "a wasm module: download " + WasmFormat.DEFAULT_FILE_NAME));
        }
        return r;
    }

    /** A file of a version asked for by number never changes; one asked for by tag may move. */
    private static Response file(byte[] content, String type, String filename, Chosen c, VersionRef reference) {
        return Response.ok(content).type(type)
            .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
            .header("ETag", "\"" + c.build().packageDigest + "\"")
            .header("Cache-Control", reference.isPinned() ? BlobResponses.IMMUTABLE : "no-cache").build();
    }
}
