package dev.ebpm.format.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.provenance.BuildProvenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, offline and with keys alone, which of a manifest's signatures hold. For each signature the
 * signature is checked first, over the exact payload bytes, and only then is the payload read and its
 * digest compared (as Inspektor Gadget's verifier does): nothing unsigned is ever parsed as a claim. A key
 * that signed two different claims about one package is a conflict, and refuses the package.
 */
public final class TrustVerifier {
    private final List<TrustedKey> trusted;
    private final Map<String, String> revoked;
    private final SignatureCheck check;

    /** @param revoked fingerprint to the reason it was revoked */
    public TrustVerifier(List<TrustedKey> trusted, Map<String, String> revoked) {
        this(trusted, revoked, SignatureCheck.JDK);
    }

    /** @param check how each signature is checked (the JDK's provider unless a faster equal one is at hand) */
    public TrustVerifier(List<TrustedKey> trusted, Map<String, String> revoked, SignatureCheck check) {
        this.trusted = List.copyOf(trusted);
        this.revoked = Map.copyOf(revoked);
        this.check = check;
    }

    /** A signature that holds: the key, and what it vouches for (a cosign payload, or a build's provenance). */
    public record Signed(TrustedKey key, SimpleSigning payload, BuildProvenance provenance, String origin) {
    }

    public record Verdict(Digest manifest, List<Signed> signed, List<TrustProblem> problems) {
        public Verdict {
            signed = List.copyOf(signed);
            problems = List.copyOf(problems);
        }

        public boolean trusted() {
            return !signed.isEmpty() && problems.stream().noneMatch(p -> p.reason() == TrustProblem.Reason.CONFLICT);
        }

        /** Why it is not trusted: the most decisive problem, or "no signature". */
        public TrustProblem refusal() {
            return problems.stream().min(Comparator.comparing(TrustProblem::reason))
                .orElse(new TrustProblem(TrustProblem.Reason.NO_SIGNATURE, null, null));
        }

        public Optional<Signed> provenance() {
            return signed.stream().filter(s -> s.provenance() != null).findFirst();
        }
    }

    /** Checks every signature and bundle: the full account ({@code ecli verify}, the catalog). */
    public Verdict verify(Digest manifest, Evidence evidence) {
        return verify(manifest, evidence, true);
    }

    /**
     * Enough to decide: every cosign signature (a conflict hides among them), and the bundles only when no
     * signature holds. A run pays for one verification, not one per attachment.
     */
    public Verdict decide(Digest manifest, Evidence evidence) {
        return verify(manifest, evidence, false);
    }

    private Verdict verify(Digest manifest, Evidence evidence, boolean everything) {
        List<Signed> signed = new ArrayList<>();
        List<TrustProblem> problems = new ArrayList<>(evidence.unreadable());
        Map<String, String> claims = new LinkedHashMap<>();
        for (Evidence.Signature s : evidence.signatures()) {
            checkSignature(manifest, s, signed, problems, claims);
        }
        if (everything || signed.isEmpty()) {
            for (byte[] b : evidence.bundles()) {
                checkBundle(manifest, b, signed, problems, claims);
            }
        }
        return new Verdict(manifest, signed, problems);
    }

    private void checkSignature(Digest manifest, Evidence.Signature s, List<Signed> signed, List<TrustProblem> problems,
                                Map<String, String> claims) {
        Optional<TrustedKey> key = hintedFirst(s.keyHint()).filter(k -> check.verifies(k, s.payload(), s.signature()))
            .findFirst();
        if (key.isEmpty()) {
            problems.add(unverified(s.keyHint(), s.origin()));
            return;
        }
        TrustedKey k = key.get();
        if (revoked.containsKey(k.fingerprint())) {
            problems.add(new TrustProblem(TrustProblem.Reason.REVOKED_KEY, k.describe(), revoked.get(k.fingerprint())));
            return;
        }
        SimpleSigning payload;
        try {
            payload = SimpleSigning.parse(s.payload());
        } catch (PackageFormatException e) {
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, k.describe(), "the signed payload is not "
                + "a cosign payload: " + e.getMessage()));
            return;
        }
        String claim = payload.manifestDigest() + " " + payload.dockerReference();
        if (!payload.manifestDigest().equals(manifest)) {
            problems.add(new TrustProblem(TrustProblem.Reason.DIGEST_MISMATCH, k.describe(), "it signs "
                + payload.manifestDigest() + ", the package is " + manifest));
            claims.putIfAbsent(k.fingerprint() + " " + claim, claim);
            conflict(k, claims, problems);
            return;
        }
        claims.putIfAbsent(k.fingerprint() + " " + claim, claim);
        if (!conflict(k, claims, problems)) {
            signed.add(new Signed(k, payload, null, s.origin()));
        }
    }

    private void checkBundle(Digest manifest, byte[] bytes, List<Signed> signed, List<TrustProblem> problems,
                             Map<String, String> claims) {
        SigstoreBundle bundle;
        try {
            bundle = SigstoreBundle.parse(bytes);
        } catch (PackageFormatException e) {
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "a provenance bundle that cannot "
                + "be read: " + e.getMessage()));
            return;
        }
        Dsse env = bundle.envelope();
        if (env.signatures().size() != 1) {
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "a bundle must hold exactly one "
                + "signature, this one has " + env.signatures().size()));
            return;
        }
        byte[] pae = Dsse.pae(env.payloadType(), env.payload());
        byte[] sig = env.signatures().get(0).sig();
        String hint = bundle.keyHint() != null ? bundle.keyHint() : env.signatures().get(0).keyid();
        Optional<TrustedKey> key = hintedFirst(hint).filter(k -> check.verifies(k, pae, sig)).findFirst();
        if (key.isEmpty()) {
            problems.add(unverified(hint, "provenance bundle"));
            return;
        }
        TrustedKey k = key.get();
        if (revoked.containsKey(k.fingerprint())) {
            problems.add(new TrustProblem(TrustProblem.Reason.REVOKED_KEY, k.describe(), revoked.get(k.fingerprint())));
            return;
        }
        BuildProvenance p;
        try {
            if (!Dsse.IN_TOTO.equals(env.payloadType())) {
                throw new PackageFormatException("payload type " + env.payloadType() + ", expected " + Dsse.IN_TOTO);
            }
            p = BuildProvenance.parse(env.payload());
        } catch (PackageFormatException e) {
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, k.describe(), "the signed statement is "
                + "not ebpm build provenance: " + e.getMessage()));
            return;
        }
        if (!p.manifestDigest().equals(manifest)) {
            problems.add(new TrustProblem(TrustProblem.Reason.DIGEST_MISMATCH, k.describe(), "its provenance is of "
                + p.manifestDigest() + ", the package is " + manifest));
            return;
        }
        signed.add(new Signed(k, null, p, "provenance bundle"));
    }

    /**
     * The trusted keys, the one a hint names first: a verification costs milliseconds in a fresh JVM, and the
     * hint is usually right. It only orders the attempts; every key is still tried when it is wrong.
     */
    private java.util.stream.Stream<TrustedKey> hintedFirst(String hint) {
        if (hint == null) {
            return trusted.stream();
        }
        return java.util.stream.Stream.concat(trusted.stream().filter(k -> k.fingerprint().equals(hint)),
            trusted.stream().filter(k -> !k.fingerprint().equals(hint)));
    }

    /** A signature no trusted key verifies: a known key's hint means it was altered, else the key is unknown. */
    private TrustProblem unverified(String hint, String origin) {
        Optional<TrustedKey> named = hint == null ? Optional.empty()
            : trusted.stream().filter(k -> k.fingerprint().equals(hint)).findFirst();
        if (named.isPresent()) {
            return new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, named.get().describe(), "the " + origin
                + " does not verify with it (altered)");
        }
        return new TrustProblem(TrustProblem.Reason.UNKNOWN_KEY, hint == null ? null : "(" + shortHint(hint) + ")",
            "the " + origin + " verifies with no trusted key");
    }

    private static String shortHint(String hint) {
        return hint.length() > 16 ? hint.substring(0, 16) : hint;
    }

    /** Whether {@code key} has now signed two different claims; if so the conflict is recorded. */
    private static boolean conflict(TrustedKey key, Map<String, String> claims, List<TrustProblem> problems) {
        List<String> mine = claims.entrySet().stream().filter(e -> e.getKey().startsWith(key.fingerprint() + " "))
            .map(Map.Entry::getValue).distinct().toList();
        if (mine.size() < 2) {
            return false;
        }
        if (problems.stream().noneMatch(p -> p.reason() == TrustProblem.Reason.CONFLICT && key.describe().equals(p.key()))) {
            problems.add(new TrustProblem(TrustProblem.Reason.CONFLICT, key.describe(), "it signed " + mine.size()
                + " different claims for this package (" + String.join("; ", mine) + ")"));
        }
        return true;
    }
}
