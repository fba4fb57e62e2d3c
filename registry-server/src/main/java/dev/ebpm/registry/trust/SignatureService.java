package dev.ebpm.registry.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.provenance.BuildProvenance;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.Evidence;
import dev.ebpm.format.trust.SigstoreBundle;
import dev.ebpm.format.trust.TrustProblem;
import dev.ebpm.format.trust.TrustVerifier;
import dev.ebpm.format.trust.TrustedKey;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.content.StoredManifest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A version's signatures as the catalog and the REST API show them: gathered from its referrers and from
 * cosign's legacy tag, each verified against this hub's keys (revoked ones named as revoked).
 */
@ApplicationScoped
public class SignatureService {
    private final Manifests manifests;
    private final BlobService blobs;
    private final KeyRegistry keys;

    SignatureService(Manifests manifests, BlobService blobs, KeyRegistry keys) {
        this.manifests = manifests;
        this.blobs = blobs;
        this.keys = keys;
    }

    /** One piece of evidence and the manifest it came in. */
    private record Item(Evidence evidence, String origin, OffsetDateTime attachedAt) {
    }

    public TrustView view(String repository, Digest manifest) {
        List<Item> items = items(repository, manifest);
        if (items.isEmpty()) {
            return TrustView.NONE;
        }
        KeyRegistry.Known known = keys.known();
        TrustVerifier verifier = new TrustVerifier(known.keys(), known.revoked());
        List<TrustView.SignatureView> out = new ArrayList<>();
        TrustView.ProvenanceView provenance = null;
        List<Evidence.Signature> sigs = new ArrayList<>();
        List<byte[]> bundles = new ArrayList<>();
        for (Item item : items) {
            sigs.addAll(item.evidence().signatures());
            bundles.addAll(item.evidence().bundles());
            TrustVerifier.Verdict v = verifier.verify(manifest, item.evidence());
            Optional<TrustVerifier.Signed> ok = v.signed().stream().findFirst();
            TrustedKey key = ok.map(TrustVerifier.Signed::key).orElse(null);
            boolean isBundle = !item.evidence().bundles().isEmpty();
            out.add(new TrustView.SignatureView(isBundle ? "provenance" : "signature",
                key == null ? null : key.fingerprint(), key == null ? null : key.name(), key == null ? null : known.kinds().get(key.fingerprint()),
                ok.isPresent(), ok.isPresent() ? null : v.refusal().describe(), item.origin(), item.attachedAt()));
            if (isBundle && provenance == null) {
                provenance = provenance(item, ok.orElse(null));
            }
        }
        TrustVerifier.Verdict whole = verifier.verify(manifest, new Evidence(sigs, bundles, List.of()));
        return new TrustView(whole.trusted(), out, provenance);
    }

    /** The provenance a bundle claims; only shown as verified when its signature held. */
    private static TrustView.ProvenanceView provenance(Item item, TrustVerifier.Signed signed) {
        BuildProvenance p;
        if (signed != null) {
            p = signed.provenance();
        } else {
            try {
                p = BuildProvenance.parse(SigstoreBundle.parse(item.evidence().bundles().get(0)).envelope().payload());
            } catch (PackageFormatException e) {
                return null;
            }
        }
        return new TrustView.ProvenanceView(p.buildId(), p.sourceDigest().toString(), p.builderId(),
            p.environment().worker(), p.environment().tools(), p.environment().sandbox(), p.startedOn(), p.finishedOn(),
            signed == null ? null : signed.key().fingerprint(), signed != null);
    }

    /** Everything attached to {@code manifest} that vouches for it, one item per signature or bundle. */
    private List<Item> items(String repository, Digest manifest) {
        List<Item> items = new ArrayList<>();
        for (StoredManifest m : manifests.referrers(repository, manifest, CosignArtifacts.SIG_ARTIFACT_TYPE)) {
            signatures(m, "referrer " + m.digest, items);
        }
        manifests.tagged(repository, CosignArtifacts.legacyTag(manifest)).ifPresent(m ->
            signatures(m, "tag " + CosignArtifacts.legacyTag(manifest), items));
        for (StoredManifest m : manifests.referrers(repository, manifest, SigstoreBundle.MEDIA_TYPE)) {
            for (OciDescriptor l : OciManifest.parse(m.content).layers()) {
                if (SigstoreBundle.MEDIA_TYPE.equals(l.mediaType()) && l.size() <= SigstoreBundle.MAX_SIZE) {
                    items.add(new Item(new Evidence(List.of(), List.of(blobs.read(l.digest(), l.size())), List.of()),
                        "referrer " + m.digest, m.createdAt));
                }
            }
        }
        return items;
    }

    private void signatures(StoredManifest m, String origin, List<Item> items) {
        try {
            for (CosignArtifacts.SignatureLayer l : CosignArtifacts.signatures(OciManifest.parse(m.content))) {
                byte[] payload = blobs.read(l.payload().digest(), l.payload().size());
                String hint = l.payload().annotations().get(CosignArtifacts.KEY_ANNOTATION);
                items.add(new Item(new Evidence(List.of(new Evidence.Signature(payload, l.signature(), hint, origin)),
                    List.of(), List.of()), origin, m.createdAt));
            }
        } catch (PackageFormatException e) {
            items.add(new Item(new Evidence(List.of(), List.of(), List.of(new TrustProblem(
                TrustProblem.Reason.BAD_SIGNATURE, null, e.getMessage()))), origin, m.createdAt));
        }
    }

}
