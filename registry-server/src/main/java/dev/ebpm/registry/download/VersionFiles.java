package dev.ebpm.registry.download;

import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.catalog.PackageLookup;
import dev.ebpm.registry.catalog.ResolvedVersion;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.VersionRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A version's files as the REST API serves them, each a counted download. */
@ApplicationScoped
public class VersionFiles {
    private static final String EBPM_TYPE = "application/vnd.ebpm.package.v1+tar";

    private final PackageLookup lookup;
    private final PackageFiles files;
    private final Downloads downloads;

    VersionFiles(PackageLookup lookup, PackageFiles files, Downloads downloads) {
        this.lookup = lookup;
        this.files = files;
        this.downloads = downloads;
    }

    public Response ebpm(PackageName name, VersionRef reference) {
        ResolvedVersion r = resolve(name, reference, false);
        downloads.version(r.version().id);
        return file(files.packageFile(r.version()), EBPM_TYPE,
            r.pkg().name.replace('/', '-') + "-" + r.version().version + ".ebpm", r, reference);
    }

    /** A wasm module as it was published: what eunomia's ecli pull writes out. */
    public Response wasm(PackageName name, VersionRef reference) {
        ResolvedVersion r = resolve(name, reference, true);
        downloads.version(r.version().id);
        return file(files.packageFile(r.version()), WasmFormat.MEDIA_TYPE, WasmFormat.DEFAULT_FILE_NAME, r, reference);
    }

    public Response eunomiaJson(PackageName name, VersionRef reference) {
        ResolvedVersion r = resolve(name, reference, false);
        downloads.version(r.version().id);
        return file(files.eunomiaJson(r.version()), MediaType.APPLICATION_JSON, "package.json", r, reference);
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
    private static Response file(byte[] content, String type, String filename, ResolvedVersion r,
                                 VersionRef reference) {
        return Response.ok(content).type(type)
            .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
            .header("ETag", "\"" + r.version().packageDigest + "\"")
            .header("Cache-Control", reference.isPinned() ? BlobResponses.IMMUTABLE : "no-cache").build();
    }
}
