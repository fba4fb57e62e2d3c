package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Blob downloads as the two APIs offer them: from a repository (OCI, counted) or by digest alone (REST). */
@ApplicationScoped
public class BlobDownloads {
    private static final String OCTETS = "application/octet-stream";

    private final BlobService blobs;
    private final BlobResponses responses;
    private final Downloads downloads;

    BlobDownloads(BlobService blobs, BlobResponses responses, Downloads downloads) {
        this.blobs = blobs;
        this.responses = responses;
        this.downloads = downloads;
    }

    /** A blob the repository may serve; a whole GET of a version's layer counts as a download of it. */
    public Response fromRepository(PackageName repository, Digest digest, String range, String ifNoneMatch,
                                   boolean head) {
        long size = blobs.sizeIn(repository.value(), digest).orElseThrow(() -> ApiException.notFound(
            ErrorCode.BLOB_UNKNOWN, repository + " has no blob " + digest));
        Response r = responses.respond(digest, size, OCTETS, range, ifNoneMatch, head);
        if (!head && r.getStatus() == 200) {
            downloads.blob(repository.value(), digest);
        }
        return r;
    }

    /** Any stored blob (package files, configs, layers), by its digest. */
    public Response byDigest(Digest digest, String range, String ifNoneMatch, boolean head) {
        long size = blobs.find(digest).orElseThrow(() -> ApiException.notFound(ErrorCode.BLOB_UNKNOWN,
            "no blob " + digest)).size;
        return responses.respond(digest, size, OCTETS, range, ifNoneMatch, head);
    }
}
