package dev.ebpm.format.trust;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * A private ECDSA P-256 key and its public half. Stored as PKCS#8 PEM ({@code PRIVATE KEY}), or encrypted
 * with a passphrase as PKCS#8 PBES2 ({@code ENCRYPTED PRIVATE KEY}: PBKDF2-HMAC-SHA256 and AES-256-CBC), the
 * forms openssl reads and writes, so a key can be moved between ecli, openssl and {@code cosign import-key-pair}.
 */
public record SigningKey(PrivateKey privateKey, TrustedKey publicKey) {
    static final String PLAIN = "PRIVATE KEY";
    static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 310_000;

    public static SigningKey generate(String name) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            return new SigningKey(pair.getPrivate(), TrustedKey.of(pair.getPublic(), name));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make P-256 keys", e);
        }
    }

    /** Reads a private key file; {@code passphrase} is needed (and only used) when the file is encrypted. */
    public static SigningKey read(byte[] text, String what, char[] passphrase, String name) {
        Pem pem = Pem.read(text, what);
        byte[] pkcs8;
        switch (pem.label()) {
            case PLAIN -> pkcs8 = pem.der();
            case ENCRYPTED -> {
                if (passphrase == null) {
                    throw new KeyFormatException(what + " is encrypted: give its passphrase (ECLI_KEY_PASSPHRASE, "
                        + "or type it when asked)");
                }
                pkcs8 = decrypt(pem.der(), passphrase, what);
            }
            case "EC PRIVATE KEY" -> throw new KeyFormatException(what + " is a SEC1 EC key; convert it to PKCS#8 "
                + "with: openssl pkcs8 -topk8 -nocrypt -in " + what + " -out key.pem");
            default -> throw new KeyFormatException(what + " holds a " + pem.label() + ", not a private key"
                + (pem.label().contains("COSIGN") || pem.label().contains("SIGSTORE")
                ? " (cosign's scrypt-encrypted format is not read: export the key as PKCS#8 with openssl)" : ""));
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (pem.label().equals(ENCRYPTED) && !isDerSequence(pkcs8)) {
                // A wrong passphrase passes the CBC padding check about once in 256 tries, and gives bytes that
                // are no DER at all: that is the passphrase, not the key.
                throw new KeyFormatException(what + ": wrong passphrase");
            }
            throw new KeyFormatException(what + " is not an ECDSA private key: " + e.getMessage());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return new SigningKey(key, TrustedKey.of(publicOf((ECPrivateKey) key), name));
    }

    /** Whether {@code der} is exactly one DER SEQUENCE (tag 0x30 and a length that fills the rest). */
    static boolean isDerSequence(byte[] der) {
        if (der.length < 2 || der[0] != 0x30) {
            return false;
        }
        int first = der[1] & 0xff;
        if (first < 0x80) {
            return first == der.length - 2;
        }
        int n = first & 0x7f;
        if (n == 0 || n > 3 || der.length < 2 + n) {
            return false;
        }
        int length = 0;
        for (int i = 0; i < n; i++) {
            length = length << 8 | der[2 + i] & 0xff;
        }
        return length == der.length - 2 - n;
    }

    /** The PEM text of the private key; encrypted when {@code passphrase} is given. */
    public String privatePem(char[] passphrase) {
        byte[] pkcs8 = privateKey.getEncoded();
        try {
            return passphrase == null ? new Pem(PLAIN, pkcs8).write() : new Pem(ENCRYPTED, encrypt(pkcs8, passphrase)).write();
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** An ASN.1 DER ECDSA-SHA256 signature of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(TrustedKey.SIGNATURE_ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encrypt(byte[] pkcs8, char[] passphrase) {
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance(PBE);
            c.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(PBE).generateSecret(new PBEKeySpec(passphrase)),
                new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv)));
            byte[] encrypted = c.doFinal(pkcs8);
            // JDK 17 cannot name PBES2 in an EncryptedPrivateKeyInfo it builds; its PBES2 parameters encode
            // correctly, so the outer structure is written here.
            return sequence(sequence(PBES2_OID, c.getParameters().getEncoded()), der(0x04, encrypted));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK cannot encrypt a PKCS#8 key", e);
        }
    }

    /** OID 1.2.840.113549.1.5.13 (PBES2), DER-encoded. */
    private static final byte[] PBES2_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x05, 0x0d};

    private static byte[] sequence(byte[]... parts) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] decrypt(byte[] der, char[] passphrase, String what) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            if (params == null) {
                throw new KeyFormatException(what + " is encrypted with a scheme ecli does not read (use PBES2)");
            }
            // For PBES2 the parameters name the real scheme ("PBEWithHmacSHA256AndAES_256"); the info says only "PBES2".
            String scheme = params.toString();
            Cipher c = Cipher.getInstance(scheme);
            c.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(passphrase)),
                params);
            return c.doFinal(info.getEncryptedData());
        } catch (javax.crypto.BadPaddingException e) {
            throw new KeyFormatException(what + ": wrong passphrase");
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            throw new KeyFormatException(what + ": cannot decrypt the key (" + e.getMessage() + ")");
        }
    }

    /** The public point d·G, since a PKCS#8 key need not carry its public half. */
    private static java.security.PublicKey publicOf(ECPrivateKey key) {
        try {
            ECPoint q = EcArithmetic.multiply(key.getParams(), key.getS());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, key.getParams()));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("cannot derive the public key: " + e.getMessage());
        }
    }
}
