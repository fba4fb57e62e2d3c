package dev.ebpm.format.trust;

/**
 * How an ECDSA P-256 / SHA-256 signature (ASN.1 DER, as cosign and openssl write it) is checked against a
 * trusted key. The JDK's provider is the default; a deployable may supply a faster one with the same
 * answers (ecli uses the system's libcrypto, so that a cold JVM does not pay for interpreted curve arithmetic
 * before every run). Any implementation answers false, never throws, for bytes that are no signature.
 */
@FunctionalInterface
public interface SignatureCheck {
    SignatureCheck JDK = TrustedKey::verifies;

    boolean verifies(TrustedKey key, byte[] data, byte[] signature);
}
