package dev.ebpm.ecli.crypto;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The OpenSSL 3 calls a signature check needs, mapped directly (no proxies, nothing checked here): use
 * {@link LibcryptoSignatureCheck}. Loading this class throws {@link UnsatisfiedLinkError} where there is
 * no libcrypto.
 */
@SuppressWarnings("checkstyle:MethodName")
final class NativeLibcrypto {
    /** Debian's libssl3 ships the versioned name only; the unversioned one comes with libssl-dev. */
    private static final String[] NAMES = {"libcrypto.so.3", "crypto"};

    static {
        Native.register(NativeLibcrypto.class, load());
    }

    private NativeLibcrypto() {
    }

    private static NativeLibrary load() {
        UnsatisfiedLinkError last = null;
        for (String name : NAMES) {
            try {
                return NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code EVP_PKEY *d2i_PUBKEY(EVP_PKEY **a, const unsigned char **pp, long length)}: a DER SubjectPublicKeyInfo. */
    static native Pointer d2i_PUBKEY(Pointer a, Pointer pp, long length);

    static native void EVP_PKEY_free(Pointer pkey);

    static native Pointer EVP_MD_CTX_new();

    static native void EVP_MD_CTX_free(Pointer ctx);

    static native Pointer EVP_sha256();

    static native int EVP_DigestVerifyInit(Pointer ctx, Pointer pctx, Pointer type, Pointer engine, Pointer pkey);

    /** 1 when the signature holds, 0 when it does not, negative when it could not be checked. */
    static native int EVP_DigestVerify(Pointer ctx, byte[] sig, long sigLen, byte[] tbs, long tbsLen);

    /** Drops the thread's error queue, which a failed parse or check leaves entries in. */
    static native void ERR_clear_error();
}
