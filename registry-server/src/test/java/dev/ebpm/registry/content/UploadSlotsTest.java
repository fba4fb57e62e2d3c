package dev.ebpm.registry.content;

import dev.ebpm.registry.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds on bodies arriving at once: per token, and for the whole server. */
class UploadSlotsTest {
    private static void busy(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(ApiException.class).satisfies(e -> {
            assertThat(((ApiException) e).status()).isEqualTo(429);
            assertThat(((ApiException) e).headers()).containsKey("Retry-After");
        });
    }

    @Test
    void oneTokenGetsItsShareAndNoMore() {
        UploadSlots slots = new UploadSlots(2, 10);
        UploadSlots.Slot a = slots.acquire(1);
        UploadSlots.Slot b = slots.acquire(1);
        busy(() -> slots.acquire(1));
        slots.acquire(2).close();
        a.close();
        a.close();
        slots.acquire(1).close();
        b.close();
    }

    @Test
    void theServerBoundHoldsAcrossTokens() {
        UploadSlots slots = new UploadSlots(4, 3);
        UploadSlots.Slot a = slots.acquire(1);
        slots.acquire(2);
        slots.acquire(3);
        busy(() -> slots.acquire(4));
        a.close();
        slots.acquire(4);
        // The server is full again: a token with no upload of its own waits too.
        busy(() -> slots.acquire(5));
    }
}
