package dev.ebpm.ecli.crypto;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ebpm.format.trust.SignatureCheck;
import dev.ebpm.format.trust.TrustedKey;

/**
 * ECDSA P-256 / SHA-256 checked by libcrypto: the same answers as the JDK's provider (a test compares them
 * on good, altered and malformed signatures), without the tens of milliseconds a cold JVM spends on the
 * curve arithmetic before each run. Only keys that {@link TrustedKey} accepted reach it, and a signature
 * longer than any P-256 DER signature is refused before any native call.
 */
public final class LibcryptoSignatureCheck implements SignatureCheck {
    /** A DER ECDSA P-256 signature is at most 72 bytes; anything much longer is no signature. */
    static final int MAX_SIGNATURE_BYTES = 256;

    private static final SignatureCheck BEST = probe();

    private LibcryptoSignatureCheck() {
    }

    /** libcrypto's check where the library loads, else the JDK's. */
    public static SignatureCheck best() {
        return BEST;
    }

    /** Whether {@link #best()} is libcrypto's (for tests and diagnostics). */
    public static boolean available() {
        return BEST instanceof LibcryptoSignatureCheck;
    }

    private static SignatureCheck probe() {
        try {
            NativeLibcrypto.EVP_sha256();
            return new LibcryptoSignatureCheck();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return SignatureCheck.JDK;
        }
    }

    @Override
    public boolean verifies(TrustedKey key, byte[] data, byte[] signature) {
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            return false;
        }
        byte[] spki = key.key().getEncoded();
        Memory der = new Memory(spki.length);
        der.write(0, spki, 0, spki.length);
        // d2i_PUBKEY advances the pointer it is given: it gets a cell holding the DER's address.
        Memory cursor = new Memory(Native.POINTER_SIZE);
        cursor.setPointer(0, der);
        Pointer pkey = NativeLibcrypto.d2i_PUBKEY(null, cursor, spki.length);
        if (pkey == null) {
            NativeLibcrypto.ERR_clear_error();
            throw new IllegalStateException("libcrypto cannot read the key " + key.shortFingerprint());
        }
        Pointer ctx = NativeLibcrypto.EVP_MD_CTX_new();
        try {
            if (ctx == null || NativeLibcrypto.EVP_DigestVerifyInit(ctx, null, NativeLibcrypto.EVP_sha256(), null,
                pkey) != 1) {
                throw new IllegalStateException("libcrypto cannot check signatures of the key "
                    + key.shortFingerprint());
            }
            return NativeLibcrypto.EVP_DigestVerify(ctx, signature, signature.length, data, data.length) == 1;
        } finally {
            NativeLibcrypto.ERR_clear_error();
            if (ctx != null) {
                NativeLibcrypto.EVP_MD_CTX_free(ctx);
            }
            NativeLibcrypto.EVP_PKEY_free(pkey);
        }
    }
}
