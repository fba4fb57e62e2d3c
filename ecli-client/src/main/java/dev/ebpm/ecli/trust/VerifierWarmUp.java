package dev.ebpm.ecli.trust;

import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.crypto.LibcryptoSignatureCheck;
import dev.ebpm.ecli.options.TrustOptions;
import dev.ebpm.format.Digest;
import dev.ebpm.format.trust.Evidence;
import dev.ebpm.format.trust.PublicKeyPem;
import dev.ebpm.format.trust.TrustVerifier;
import dev.ebpm.format.trust.TrustedKey;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * In a fresh JVM the first check costs more than the next: libcrypto to open (or, without it, the JDK's EC
 * provider, its curve tables and interpreted arithmetic: tens of milliseconds), key parsing, the evidence
 * codec. A command that will verify starts this as its first act, on a daemon thread, with a fixed key and a
 * signature that verifies nothing, so the real check, a hundred milliseconds later, finds the machinery warm;
 * it also reads the trust policy and its keys for the process ahead of the check. It decides nothing.
 */
public final class VerifierWarmUp {
    private static final String KEY = "-----BEGIN PUBLIC KEY-----\n"
        + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuRZet8v58tJ5L9O4pH8T6wIx5NAz\n"
        + "DzKgIk61bHijdxvyY0t3ygNJzDcXFHXz0jPeC8QkYgJWFpEibVa3S9uKgg==\n-----END PUBLIC KEY-----\n";
    /** DER ECDSA (r = 1, s = 1): well-formed, verifies nothing, costs a whole verification. */
    private static final byte[] SIGNATURE = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};

    /** Enough for the arithmetic to be compiled before the real check (measured with bench/trust/run.py). */
    private static final int ROUNDS = 2;

    private VerifierWarmUp() {
    }

    /** Starts the warm-up when these arguments will verify: a policy exists, or they ask, and not with off. */
    public static void startFor(List<String> args) {
        int at = args.indexOf(TrustOptions.VERIFY);
        boolean off = at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(TrustMode.OFF.label());
        if (off || args.contains(TrustOptions.VERIFY + "=" + TrustMode.OFF.label())) {
            return;
        }
        EcliConfig config = EcliConfig.fromEnvironment();
        if (at < 0 && !args.contains(TrustOptions.KEY) && TrustPolicy.file(config) == null) {
            return;
        }
        Thread t = new Thread(() -> run(config), "ecli-verify-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run(EcliConfig config) {
        try {
            TrustedKey key = PublicKeyPem.read(KEY.getBytes(StandardCharsets.US_ASCII), "warm-up", "warm-up");
            // The path a run takes: cached evidence parsed, then decided with a key (the hint names it).
            byte[] cached = new Evidence(List.of(new Evidence.Signature(new byte[] {'{', '}'}, SIGNATURE,
                key.fingerprint(), "warm-up")), List.of(), List.of()).toBytes();
            TrustVerifier verifier = new TrustVerifier(List.of(key), Map.of(), LibcryptoSignatureCheck.best());
            Digest digest = Digest.sha256(SIGNATURE);
            for (int i = 0; i < ROUNDS; i++) {
                verifier.decide(digest, Evidence.parse(cached));
            }
        } catch (RuntimeException e) {
            // A warm-up that fails costs nothing but its time.
        }
        // Then the user's policy and keys, read once for the process (the check uses the same instance).
        try {
            TrustPolicy.shared(config).allKeys();
        } catch (RuntimeException e) {
            // The check reads them again and reports what is wrong.
        }
    }
}
