package dev.ebpm.format.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.provenance.BuildEnvironment;
import dev.ebpm.format.provenance.BuildProvenance;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures hold only under a trusted, unrevoked key, over the right digest, with no conflicting claim. */
class TrustVerifierTest {
    static final SigningKey ALICE = SigningKey.generate("alice");
    static final SigningKey MALLORY = SigningKey.generate("mallory");
    static final Digest PACKAGE = Digest.sha256("package".getBytes(StandardCharsets.UTF_8));
    static final Digest OTHER = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));

    static Evidence.Signature signature(SigningKey key, Digest digest, String reference) {
        SimpleSigning p = SimpleSigning.of(reference, digest, null);
        return new Evidence.Signature(p.bytes(), key.sign(p.bytes()), key.publicKey().fingerprint(), "referrer");
    }

    static Evidence evidence(Evidence.Signature... s) {
        return new Evidence(List.of(s), List.of(), List.of());
    }

    static TrustVerifier trusting(SigningKey... keys) {
        return new TrustVerifier(List.of(keys).stream().map(SigningKey::publicKey).toList(), Map.of());
    }

    @Test
    void aSignatureByATrustedKeyOverThePackageHolds() {
        TrustVerifier.Verdict v = trusting(ALICE).verify(PACKAGE, evidence(signature(ALICE, PACKAGE, "hub/sigsnoop")));
        assertThat(v.trusted()).isTrue();
        assertThat(v.signed()).singleElement().satisfies(s -> {
            assertThat(s.key().name()).isEqualTo("alice");
            assertThat(s.payload().dockerReference()).isEqualTo("hub/sigsnoop");
        });
    }

    @Test
    void eachRefusalSaysWhy() {
        assertThat(trusting(ALICE).verify(PACKAGE, Evidence.none()).refusal().reason())
            .isEqualTo(TrustProblem.Reason.NO_SIGNATURE);
        TrustVerifier.Verdict unknown = trusting(ALICE).verify(PACKAGE, evidence(signature(MALLORY, PACKAGE, "r")));
        assertThat(unknown.trusted()).isFalse();
        assertThat(unknown.refusal().reason()).isEqualTo(TrustProblem.Reason.UNKNOWN_KEY);
        TrustVerifier.Verdict other = trusting(ALICE).verify(PACKAGE, evidence(signature(ALICE, OTHER, "r")));
        assertThat(other.refusal().reason()).isEqualTo(TrustProblem.Reason.DIGEST_MISMATCH);
        assertThat(other.refusal().describe()).contains("it signs " + OTHER);
        Evidence.Signature good = signature(ALICE, PACKAGE, "r");
        byte[] altered = good.signature().clone();
        altered[altered.length - 1] ^= 1;
        TrustVerifier.Verdict bad = trusting(ALICE).verify(PACKAGE,
            evidence(new Evidence.Signature(good.payload(), altered, good.keyHint(), "referrer")));
        assertThat(bad.refusal().reason()).isEqualTo(TrustProblem.Reason.BAD_SIGNATURE);
        assertThat(bad.refusal().key()).contains("alice");
        TrustVerifier.Verdict revoked = new TrustVerifier(List.of(ALICE.publicKey()),
            Map.of(ALICE.publicKey().fingerprint(), "leaked")).verify(PACKAGE, evidence(good));
        assertThat(revoked.trusted()).isFalse();
        assertThat(revoked.refusal().describe()).startsWith("revoked key alice").endsWith(": leaked");
    }

    @Test
    void aPayloadIsReadOnlyAfterItsSignatureHolds() {
        byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);
        TrustVerifier.Verdict v = trusting(ALICE).verify(PACKAGE,
            evidence(new Evidence.Signature(junk, MALLORY.sign(junk), null, "tag")));
        assertThat(v.refusal().reason()).isEqualTo(TrustProblem.Reason.UNKNOWN_KEY);
    }

    @Test
    void oneKeySigningTwoClaimsIsAConflict() {
        TrustVerifier.Verdict v = trusting(ALICE).verify(PACKAGE, evidence(signature(ALICE, PACKAGE, "hub/a"),
            signature(ALICE, PACKAGE, "hub/b")));
        assertThat(v.trusted()).isFalse();
        assertThat(v.refusal().reason()).isEqualTo(TrustProblem.Reason.CONFLICT);
        TrustVerifier.Verdict resigned = trusting(ALICE).verify(PACKAGE, evidence(signature(ALICE, PACKAGE, "hub/a"),
            signature(ALICE, PACKAGE, "hub/a")));
        assertThat(resigned.trusted()).isTrue();
        TrustVerifier.Verdict two = trusting(ALICE, MALLORY).verify(PACKAGE, evidence(signature(ALICE, PACKAGE, "hub/a"),
            signature(MALLORY, PACKAGE, "hub/b")));
        assertThat(two.trusted()).isTrue();
    }

    static BuildProvenance provenance(Digest subject) {
        return new BuildProvenance("localhost:8080/sigsnoop", subject, "sigsnoop", "1.0.0",
            "0b0c4f4e-1f0e-4e57-9a53-0e9f1b7f0a11", OTHER, "http://localhost:8080/builders/ebpm-worker",
            new BuildEnvironment("w1", Map.of("ecc", "0.1.0", "clang", "19.1.7"), Map.of("kind", "bubblewrap")),
            Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T10:00:05Z"), PACKAGE);
    }

    @Test
    void provenanceBundlesVerifyOverTheirEnvelopeAndNameTheManifest() {
        byte[] statement = provenance(PACKAGE).toBytes();
        SigstoreBundle bundle = new SigstoreBundle(ALICE.publicKey().fingerprint(),
            Dsse.sign(Dsse.IN_TOTO, statement, ALICE));
        byte[] bytes = bundle.toBytes();
        assertThat(BuildProvenance.parse(SigstoreBundle.parse(bytes).envelope().payload())).isEqualTo(provenance(PACKAGE));
        TrustVerifier.Verdict v = trusting(ALICE).verify(PACKAGE, new Evidence(List.of(), List.of(bytes), List.of()));
        assertThat(v.trusted()).isTrue();
        // Deciding checks a bundle only when no signature holds; the full account checks both.
        Evidence both = new Evidence(List.of(signature(ALICE, PACKAGE, "r")), List.of(bytes), List.of());
        assertThat(trusting(ALICE).decide(PACKAGE, both).signed()).hasSize(1);
        assertThat(trusting(ALICE).verify(PACKAGE, both).signed()).hasSize(2);
        assertThat(trusting(ALICE).decide(PACKAGE, new Evidence(List.of(), List.of(bytes), List.of())).trusted()).isTrue();
        assertThat(v.provenance()).get().satisfies(s -> assertThat(s.provenance().buildId()).startsWith("0b0c"));
        assertThat(trusting(ALICE).verify(OTHER, new Evidence(List.of(), List.of(bytes), List.of())).refusal().reason())
            .isEqualTo(TrustProblem.Reason.DIGEST_MISMATCH);
        assertThat(trusting(MALLORY).verify(PACKAGE, new Evidence(List.of(), List.of(bytes), List.of())).refusal()
            .reason()).isEqualTo(TrustProblem.Reason.UNKNOWN_KEY);
        // The signature covers the PAE, so the same bytes under another payload type do not verify.
        Dsse retyped = new Dsse("text/plain", statement, bundle.envelope().signatures());
        byte[] forged = new SigstoreBundle(bundle.keyHint(), retyped).toBytes();
        assertThat(trusting(ALICE).verify(PACKAGE, new Evidence(List.of(), List.of(forged), List.of())).refusal().reason())
            .isEqualTo(TrustProblem.Reason.BAD_SIGNATURE);
    }

    @Test
    void evidenceSurvivesTheCache() {
        Evidence e = new Evidence(List.of(signature(ALICE, PACKAGE, "r")), List.of(new byte[] {1, 2}),
            List.of(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "payload altered")));
        Evidence back = Evidence.parse(e.toBytes());
        assertThat(back.signatures().get(0).payload()).isEqualTo(e.signatures().get(0).payload());
        assertThat(back.bundles().get(0)).containsExactly(1, 2);
        assertThat(back.unreadable()).isEqualTo(e.unreadable());
    }

    @Test
    void signatureArtifactsInBothFormsCarryTheirSignatures() {
        SimpleSigning p = SimpleSigning.of("hub/sigsnoop", PACKAGE, null);
        OciDescriptor subject = new OciDescriptor(OciManifest.MEDIA_TYPE, PACKAGE, 400, null, Map.of(), List.of());
        Attachment referrer = CosignArtifacts.referrer(subject, p, ALICE.sign(p.bytes()), null);
        OciManifest m = OciManifest.parse(referrer.manifest());
        assertThat(m.artifactType()).isEqualTo(CosignArtifacts.SIG_ARTIFACT_TYPE);
        assertThat(m.subject().digest()).isEqualTo(PACKAGE);
        assertThat(CosignArtifacts.isSignature(m)).isTrue();
        assertThat(ALICE.publicKey().verifies(p.bytes(), CosignArtifacts.signatures(m).get(0).signature())).isTrue();
        Attachment legacy = CosignArtifacts.legacy(List.of(), p, ALICE.sign(p.bytes()), null);
        Attachment twice = CosignArtifacts.legacy(legacy.blobs().subList(1, 2), p, MALLORY.sign(p.bytes()), "x");
        assertThat(CosignArtifacts.signatures(OciManifest.parse(twice.manifest()))).hasSize(2);
        assertThat(CosignArtifacts.legacyTag(PACKAGE)).isEqualTo("sha256-" + PACKAGE.hex() + ".sig");
        assertThat(CosignArtifacts.legacySubject(CosignArtifacts.legacyTag(PACKAGE))).isEqualTo(PACKAGE);
        assertThat(CosignArtifacts.legacySubject("latest")).isNull();
        OciManifest noSig = new OciManifest(OciManifest.MEDIA_TYPE, CosignArtifacts.SIG_ARTIFACT_TYPE,
            m.config(), List.of(m.layers().get(0).withAnnotations(Map.of())), m.subject(), Map.of());
        assertThatThrownBy(() -> CosignArtifacts.signatures(noSig)).isInstanceOf(PackageFormatException.class)
            .hasMessageContaining("no dev.cosignproject.cosign/signature annotation");
    }

    @Test
    void malformedPayloadsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SimpleSigning.parse("{\"critical\":{\"type\":\"x\"}}".getBytes()))
            .hasMessageContaining("payload.critical.type");
        assertThatThrownBy(() -> SimpleSigning.parse(("{\"critical\":{\"type\":\"" + SimpleSigning.TYPE
            + "\",\"image\":{\"docker-manifest-digest\":\"md5:1\"}}}").getBytes()))
            .hasMessageContaining("docker-manifest-digest");
        assertThatThrownBy(() -> SimpleSigning.parse(new byte[SimpleSigning.MAX_SIZE + 1])).hasMessageContaining("over");
    }
}
