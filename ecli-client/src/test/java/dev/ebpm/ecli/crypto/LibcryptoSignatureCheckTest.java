package dev.ebpm.ecli.crypto;

import dev.ebpm.format.trust.SignatureCheck;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.trust.TrustedKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** libcrypto must answer exactly as the JDK does, or a package trusted by one would be refused by the other. */
class LibcryptoSignatureCheckTest {
    private final SigningKey alice = SigningKey.generate("alice");
    private final SigningKey bob = SigningKey.generate("bob");
    private final byte[] data = "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"sha256:00\"}}}"
        .getBytes(StandardCharsets.UTF_8);

    @Test
    void libcryptoIsWhatEcliUsesHere() {
        // Debian's libssl3 is part of every install this runs on; a machine without it falls back to the JDK.
        assertThat(LibcryptoSignatureCheck.available()).isTrue();
    }

    @Test
    void answersAsTheJdkDoesOnGoodAlteredAndMalformedSignatures() {
        byte[] good = alice.sign(data);
        List<byte[]> signatures = new ArrayList<>(List.of(good, bob.sign(data), new byte[0], new byte[] {0x30},
            new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length + 1), new byte[LibcryptoSignatureCheck.MAX_SIGNATURE_BYTES + 1]));
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            byte[] flipped = good.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            signatures.add(flipped);
            byte[] noise = new byte[random.nextInt(80)];
            random.nextBytes(noise);
            signatures.add(noise);
        }
        byte[] altered = data.clone();
        altered[3] ^= 1;
        SignatureCheck libcrypto = LibcryptoSignatureCheck.best();
        for (TrustedKey key : List.of(alice.publicKey(), bob.publicKey())) {
            for (byte[] message : List.of(data, altered, new byte[0])) {
                for (byte[] sig : signatures) {
                    assertThat(libcrypto.verifies(key, message, sig))
                        .as("key %s, %d-byte message, signature %s", key.name(), message.length, Arrays.toString(sig))
                        .isEqualTo(SignatureCheck.JDK.verifies(key, message, sig));
                }
            }
        }
        assertThat(libcrypto.verifies(alice.publicKey(), data, good)).isTrue();
        assertThat(libcrypto.verifies(bob.publicKey(), data, good)).isFalse();
        assertThat(libcrypto.verifies(alice.publicKey(), altered, good)).isFalse();
    }
}
