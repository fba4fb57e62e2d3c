package dev.ebpm.registry.content;

import dev.ebpm.format.Digest;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies spooled to disk: hashed while they arrive, capped, and never left behind when refused. */
class BlobSpoolTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aBodyIsSpooledWithItsDigestAndDeletedOnClose() throws IOException {
        byte[] body = new byte[200_000];
        body[7] = 1;
        BlobSpool spool = new BlobSpool(dir);
        SpooledBlob blob = spool.spool(new ByteArrayInputStream(body), body.length);
        assertThat(blob.digest()).isEqualTo(Digest.sha256(body));
        assertThat(blob.size()).isEqualTo(body.length);
        assertThat(blob.bytes()).isEqualTo(body);
        assertThat(BlobSpool.hash(blob.file()).digest()).isEqualTo(blob.digest());
        blob.close();
        assertThat(files()).isZero();
    }

    @Test
    void oneByteOverTheCapIs413AndNothingIsKept() throws IOException {
        BlobSpool spool = new BlobSpool(dir);
        assertThatThrownBy(() -> spool.spool(new ByteArrayInputStream(new byte[101]), 100))
            .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413));
        assertThat(files()).isZero();
    }

    @Test
    void aBodyThatStopsArrivingIsA400AndNothingIsKept() throws IOException {
        InputStream cut = new InputStream() {
            private int left = 10;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new IOException("Read timed out");
            }
        };
        assertThatThrownBy(() -> new BlobSpool(dir).spool(cut, 100)).isInstanceOf(ApiException.class)
            .satisfies(e -> {
                assertThat(((ApiException) e).status()).isEqualTo(400);
                assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.BLOB_UPLOAD_INVALID);
            });
        assertThat(files()).isZero();
    }
}
