package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.content.BlobBytes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds the response for a blob download, for the REST and the OCI endpoints alike: strong ETag equal to
 * the digest, {@code Cache-Control: immutable} (a digest never changes content), a single {@code Range}
 * (206), {@code If-None-Match} (304). Small blobs come from memory, larger ones stream from the store.
 */
@ApplicationScoped
public class BlobResponses {
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final BlobBytes store;

    public BlobResponses(BlobBytes store) {
        this.store = store;
    }

    public Response respond(Digest digest, long size, String contentType, String range, String ifNoneMatch,
                            boolean head) {
        String etag = "\"" + digest + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header("ETag", etag).header("Docker-Content-Digest", digest.toString())
                .build();
        }
        Optional<ByteRange> r = ByteRange.parse(range, size);
        Response.ResponseBuilder b = r.isPresent() ? Response.status(206)
            .header("Content-Range", "bytes " + r.get().start() + "-" + r.get().endInclusive() + "/" + size)
            : Response.ok();
        long start = r.map(ByteRange::start).orElse(0L);
        long length = r.map(ByteRange::length).orElse(size);
        b.type(contentType).header("ETag", etag).header("Docker-Content-Digest", digest.toString())
            .header("Accept-Ranges", "bytes").header("Cache-Control", IMMUTABLE)
            .header("Content-Length", Long.toString(length));
        if (head) {
            return b.build();
        }
        if (store.cacheable(size)) {
            byte[] all = store.read(digest, size);
            return b.entity(start == 0 && length == size ? all
                : Arrays.copyOfRange(all, (int) start, (int) (start + length))).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = store.open(digest, start, length)) {
                in.transferTo(out);
            }
        };
        return b.entity(body).build();
    }
}
