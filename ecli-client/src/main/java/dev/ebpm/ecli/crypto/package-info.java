/**
 * Signature checks through the system's OpenSSL libcrypto: a thin raw binding ({@link
 * dev.ebpm.ecli.crypto.NativeLibcrypto}) under a checked wrapper ({@link dev.ebpm.ecli.crypto.LibcryptoSignatureCheck})
 * that answers as the JDK's provider does, in microseconds from a cold start.
 */
package dev.ebpm.ecli.crypto;
