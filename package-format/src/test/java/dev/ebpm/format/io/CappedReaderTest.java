package dev.ebpm.format.io;

import dev.ebpm.format.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CappedReaderTest {
    @Test
    void readsUpToTheCapAndHashesWhatItCopies() throws Exception {
        byte[] data = new byte[200_000];
        new java.util.Random(1).nextBytes(data);
        assertThat(CappedReader.readAll(new ByteArrayInputStream(data), data.length)).isEqualTo(data);
        List<Long> progress = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CappedReader.Copied c = CappedReader.copy(new ByteArrayInputStream(data), out, data.length, progress::add);
        assertThat(c.size()).isEqualTo(data.length);
        assertThat(c.digest()).isEqualTo(Digest.sha256(data));
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(progress).isSorted().last().isEqualTo((long) data.length);
    }

    @Test
    void stopsOnceMoreThanTheCapArrivesWithoutReadingTheRest() {
        // An endless stream: the reader must stop by itself.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        assertThatThrownBy(() -> CappedReader.readAll(endless, 1000)).isInstanceOf(SizeLimitException.class)
            .hasMessage("more than 1000 bytes");
    }
}
