package dev.ebpm.ecli.trust;

import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.http.RegistryHttpClient;
import dev.ebpm.format.trust.Attachment;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.trust.SimpleSigning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signs a package manifest the way {@code cosign sign --key} does: a simple-signing payload naming the
 * digest, signed with ECDSA-SHA256, pushed as an OCI 1.1 referrer where the registry has the referrers API,
 * else under cosign's legacy {@code sha256-<hex>.sig} tag (keeping the signatures already there).
 */
public final class PackageSigner {
    private final RegistryClient client;

    public PackageSigner(RegistryClient client) {
        this.client = client;
    }

    /** Where the signature went. */
    public record Signed(Digest signature, String form) {
    }

    public Signed sign(String name, Digest manifest, long manifestSize, SigningKey key) {
        String reference = TrustPolicy.authority(client.base()) + "/" + name;
        SimpleSigning payload = SimpleSigning.of(reference, manifest, null);
        byte[] signature = key.sign(payload.bytes());
        boolean referrers = client.optional("/v2/" + name + "/referrers/" + manifest, EvidenceFetcher.MAX_MANIFEST,
            "the referrers of " + name, RegistryClient.INDEX_TYPE) != null;
        Attachment a;
        String tag;
        if (referrers) {
            OciDescriptor subject = new OciDescriptor(OciManifest.MEDIA_TYPE, manifest, manifestSize, null, Map.of(),
                List.of());
            a = CosignArtifacts.referrer(subject, payload, signature, key.publicKey().fingerprint());
            tag = a.digest().toString();
        } else {
            tag = CosignArtifacts.legacyTag(manifest);
            a = CosignArtifacts.legacy(existing(name, tag), payload, signature, key.publicKey().fingerprint());
        }
        for (Attachment.Blob b : a.blobs()) {
            client.pushBlob(name, b.content());
        }
        client.pushManifest(name, tag, a.manifest());
        return new Signed(a.digest(), referrers ? "an OCI referrer" : "the tag " + tag);
    }

    /** The signature layers already under a legacy tag, which cosign keeps when it adds one. */
    private List<Attachment.Blob> existing(String name, String tag) {
        List<Attachment.Blob> layers = new ArrayList<>();
        RegistryHttpClient.Reply r = client.optional("/v2/" + name + "/manifests/" + tag, EvidenceFetcher.MAX_MANIFEST,
            "the signatures of " + name);
        if (r == null) {
            return layers;
        }
        try {
            for (OciDescriptor l : OciManifest.parse(r.body()).layers()) {
                if (SimpleSigning.MEDIA_TYPE.equals(l.mediaType())) {
                    layers.add(new Attachment.Blob(l, client.blob(name, l.digest(), l.size(), "a signature payload")));
                }
            }
        } catch (PackageFormatException e) {
            // An unreadable tag is replaced rather than extended.
        }
        return layers;
    }
}
