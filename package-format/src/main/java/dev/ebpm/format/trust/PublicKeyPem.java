package dev.ebpm.format.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/** {@code -----BEGIN PUBLIC KEY-----} files (SubjectPublicKeyInfo), as cosign, openssl and sigstore write them. */
public final class PublicKeyPem {
    static final String LABEL = "PUBLIC KEY";

    private PublicKeyPem() {
    }

    public static TrustedKey read(byte[] text, String what, String name) {
        Pem pem = Pem.read(text, what);
        if (!pem.label().equals(LABEL)) {
            throw new KeyFormatException(what + " holds a " + pem.label() + ", not a PUBLIC KEY"
                + (pem.label().contains("PRIVATE") ? " (give the .pub file, never the private key)" : ""));
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem.der()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFormatException(what + " is not an ECDSA public key: " + e.getMessage());
        }
        try {
            return TrustedKey.of(key, name);
        } catch (KeyFormatException e) {
            throw new KeyFormatException(what + ": " + e.getMessage());
        }
    }

    public static String write(PublicKey key) {
        return new Pem(LABEL, key.getEncoded()).write();
    }
}
