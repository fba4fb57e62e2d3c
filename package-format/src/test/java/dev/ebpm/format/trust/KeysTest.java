package dev.ebpm.format.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.testing.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys and signatures in the forms openssl (and so cosign's users) read and write. */
class KeysTest {
    @TempDir Path dir;

    @Test
    void ourSignaturesVerifyWithOpensslAndOpensslKeysSignForUs() throws Exception {
        SigningKey key = SigningKey.generate("me");
        SimpleSigning p = SimpleSigning.of("localhost:8080/sigsnoop", Digest.sha256(new byte[] {1}), null);
        Files.write(dir.resolve("payload"), p.bytes());
        Files.write(dir.resolve("sig"), key.sign(p.bytes()));
        Files.writeString(dir.resolve("key.pub"), key.publicKey().pem());
        assertThat(Commands.run(List.of("openssl", "dgst", "-sha256", "-verify", dir.resolve("key.pub").toString(),
            "-signature", dir.resolve("sig").toString(), dir.resolve("payload").toString()))).contains("Verified OK");

        Commands.run(List.of("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-out", dir.resolve("o.key").toString()));
        Commands.run(List.of("openssl", "pkey", "-in", dir.resolve("o.key").toString(), "-pubout", "-out",
            dir.resolve("o.pub").toString()));
        SigningKey theirs = SigningKey.read(Files.readAllBytes(dir.resolve("o.key")), "o.key", null, "o");
        TrustedKey theirPub = PublicKeyPem.read(Files.readAllBytes(dir.resolve("o.pub")), "o.pub", "o");
        assertThat(theirs.publicKey().fingerprint()).isEqualTo(theirPub.fingerprint());
        assertThat(theirPub.verifies(p.bytes(), theirs.sign(p.bytes()))).isTrue();
        // The fingerprint is what sha256sum of the DER public key prints.
        Commands.run(List.of("openssl", "pkey", "-pubin", "-in", dir.resolve("o.pub").toString(), "-outform", "DER",
            "-out", dir.resolve("o.der").toString()));
        assertThat(theirPub.fingerprint()).isEqualTo(Digest.sha256(Files.readAllBytes(dir.resolve("o.der"))).hex());
    }

    /**
     * A wrong passphrase that happens to pass the CBC padding check (about one in 256) decrypts to bytes that
     * are no DER key; those are told from a real PKCS#8 key, so the error still says "wrong passphrase".
     */
    @Test
    void bytesAWrongPassphraseDecryptsToAreToldFromAKey() {
        byte[] pkcs8 = SigningKey.generate("me").privatePem(null).lines().filter(l -> !l.startsWith("-----"))
            .reduce("", String::concat).transform(java.util.Base64.getDecoder()::decode);
        assertThat(SigningKey.isDerSequence(pkcs8)).isTrue();
        java.util.Random random = new java.util.Random(42);
        int taken = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[pkcs8.length - 1 - random.nextInt(16)];
            random.nextBytes(garbage);
            taken += SigningKey.isDerSequence(garbage) ? 1 : 0;
        }
        assertThat(taken).isZero();
    }

    @Test
    void encryptedKeysRoundTripThroughOpenssl() throws Exception {
        SigningKey key = SigningKey.generate("me");
        char[] pass = "correct horse".toCharArray();
        Files.writeString(dir.resolve("enc.key"), key.privatePem(pass));
        assertThat(Files.readString(dir.resolve("enc.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        SigningKey back = SigningKey.read(Files.readAllBytes(dir.resolve("enc.key")), "enc.key", pass, "me");
        assertThat(back.publicKey().fingerprint()).isEqualTo(key.publicKey().fingerprint());
        String pub = Commands.run(List.of("openssl", "pkey", "-in", dir.resolve("enc.key").toString(), "-passin",
            "pass:correct horse", "-pubout"));
        assertThat(pub).isEqualTo(key.publicKey().pem());
        assertThatThrownBy(() -> SigningKey.read(Files.readAllBytes(dir.resolve("enc.key")), "enc.key",
            "wrong".toCharArray(), "me")).hasMessage("enc.key: wrong passphrase");
        assertThatThrownBy(() -> SigningKey.read(Files.readAllBytes(dir.resolve("enc.key")), "enc.key", null, "me"))
            .hasMessageContaining("is encrypted");
        Commands.run(List.of("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-in",
            writePlain(key).toString(), "-passout", "pass:pw", "-out", dir.resolve("o.enc").toString()));
        assertThat(SigningKey.read(Files.readAllBytes(dir.resolve("o.enc")), "o.enc", "pw".toCharArray(), "x")
            .publicKey().fingerprint()).isEqualTo(key.publicKey().fingerprint());
    }

    private Path writePlain(SigningKey key) throws Exception {
        Path p = dir.resolve("plain.key");
        Files.writeString(p, key.privatePem(null));
        return p;
    }

    @Test
    void wrongKeysAreOneLineErrors() {
        assertThatThrownBy(() -> PublicKeyPem.read("hello".getBytes(), "k.pub", null))
            .hasMessage("k.pub is not a PEM file (no -----BEGIN ...----- block)");
        SigningKey key = SigningKey.generate("me");
        assertThatThrownBy(() -> PublicKeyPem.read(key.privatePem(null).getBytes(StandardCharsets.US_ASCII), "k", null))
            .hasMessageContaining("give the .pub file, never the private key");
        assertThatThrownBy(() -> PublicKeyPem.read(new byte[Pem.MAX_SIZE + 1], "big", null)).hasMessageContaining("big is");
        String rsa = Commands.run(List.of("sh", "-c", "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 "
            + "2>/dev/null | openssl pkey -pubout"));
        assertThatThrownBy(() -> PublicKeyPem.read(rsa.getBytes(), "rsa.pub", null))
            .hasMessageContaining("rsa.pub is not an ECDSA public key");
        String p384 = Commands.run(List.of("sh", "-c", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 "
            + "| openssl pkey -pubout"));
        assertThatThrownBy(() -> PublicKeyPem.read(p384.getBytes(), "p384.pub", null))
            .hasMessageContaining("only ECDSA P-256");
    }
}
