package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.content.BlobBytes;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.testing.InMemoryObjectStore;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blob responses built directly over an in-memory store: ranges, the ETag, 304, memory or streaming. */
class BlobResponsesTest {
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final byte[] blob = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    private final Digest digest = Digest.sha256(blob);

    private BlobResponses responses(int cacheMax) {
        store.put(digest, blob);
        return new BlobResponses(new BlobBytes(store, cacheMax, 1 << 20));
    }

    private static byte[] body(Response r) throws IOException {
        Object entity = r.getEntity();
        if (entity instanceof byte[] b) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) entity).write(out);
        return out.toByteArray();
    }

    @Test
    void aWholeBlobHasItsDigestAsStrongEtagAndIsImmutable() throws IOException {
        Response r = responses(1024).respond(digest, blob.length, "application/octet-stream", null, null, false);
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeaderString("ETag")).isEqualTo("\"" + digest + "\"");
        assertThat(r.getHeaderString("Docker-Content-Digest")).isEqualTo(digest.toString());
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo(BlobResponses.IMMUTABLE);
        assertThat(r.getHeaderString("Content-Length")).isEqualTo("20");
        assertThat(body(r)).isEqualTo(blob);
    }

    @Test
    void rangesFromMemoryAndFromTheStoreAgree() throws IOException {
        for (int cacheMax : new int[] {1024, 4}) {
            Response r = responses(cacheMax).respond(digest, blob.length, "x", "bytes=5-9", null, false);
            assertThat(r.getStatus()).isEqualTo(206);
            assertThat(r.getHeaderString("Content-Range")).isEqualTo("bytes 5-9/20");
            assertThat(body(r)).isEqualTo(Arrays.copyOfRange(blob, 5, 10));
            Response suffix = responses(cacheMax).respond(digest, blob.length, "x", "bytes=-3", null, false);
            assertThat(body(suffix)).isEqualTo("hij".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRangeOutsideTheBlobIs416AndAMalformedOneSendsItAll() throws IOException {
        BlobResponses responses = responses(1024);
        assertThatThrownBy(() -> responses.respond(digest, blob.length, "x", "bytes=20-", null, false))
            .isInstanceOf(ApiException.class).satisfies(e -> {
                assertThat(((ApiException) e).status()).isEqualTo(416);
                assertThat(((ApiException) e).headers()).containsEntry("Content-Range", "bytes */20");
            });
        Response whole = responses.respond(digest, blob.length, "x", "bytes=1-2,4-5", null, false);
        assertThat(whole.getStatus()).isEqualTo(200);
        assertThat(body(whole)).isEqualTo(blob);
        Response huge = responses.respond(digest, blob.length, "x", "bytes=99999999999999999999-", null, false);
        assertThat(huge.getStatus()).isEqualTo(200);
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutReadingTheStore() {
        BlobResponses responses = responses(1024);
        int before = store.reads();
        Response r = responses.respond(digest, blob.length, "x", null, "\"" + digest + "\"", false);
        assertThat(r.getStatus()).isEqualTo(304);
        assertThat(r.getHeaderString("ETag")).isEqualTo("\"" + digest + "\"");
        assertThat(responses.respond(digest, blob.length, "x", null, "*", false).getStatus()).isEqualTo(304);
        assertThat(responses.respond(digest, blob.length, "x", null, "\"sha256:other\"", true).getStatus())
            .isEqualTo(200);
        assertThat(store.reads()).isEqualTo(before);
    }

    @Test
    void smallBlobsAreReadFromTheStoreOnce() throws IOException {
        BlobResponses responses = responses(1024);
        for (int i = 0; i < 3; i++) {
            assertThat(body(responses.respond(digest, blob.length, "x", null, null, false))).isEqualTo(blob);
        }
        assertThat(store.reads()).isEqualTo(1);
    }
}
