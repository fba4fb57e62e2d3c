package dev.ebpm.format.trust;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.security.MessageDigest;

/**
 * A public key someone trusts, with its fingerprint: the hex SHA-256 of its DER SubjectPublicKeyInfo (what
 * sigstore bundles call the key's hint, and {@code openssl pkey -pubin -outform DER | sha256sum} prints).
 */
public record TrustedKey(PublicKey key, String fingerprint, String name) {
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    public static TrustedKey of(PublicKey key, String name) {
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new KeyFormatException("only ECDSA P-256 keys are used for signing (cosign's key type), found "
                + key.getAlgorithm());
        }
        return new TrustedKey(key, fingerprint(key.getEncoded()), name);
    }

    public static String fingerprint(byte[] spki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short form for one-line messages: the first 16 hex digits. */
    public String shortFingerprint() {
        return fingerprint.substring(0, 16);
    }

    /** Whether {@code signature} (ASN.1 DER ECDSA, as cosign and openssl write it) signs {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(SIGNATURE_ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // not a DER signature at all: it verifies nothing
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String pem() {
        return PublicKeyPem.write(key);
    }

    public String describe() {
        return (name == null || name.isBlank() ? "" : name + " ") + "(" + shortFingerprint() + ")";
    }
}
