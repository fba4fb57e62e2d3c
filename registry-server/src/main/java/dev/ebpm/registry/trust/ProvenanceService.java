package dev.ebpm.registry.trust;

import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.provenance.BuildProvenance;
import dev.ebpm.format.trust.Attachment;
import dev.ebpm.format.trust.Dsse;
import dev.ebpm.format.trust.SigstoreBundle;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.content.Manifests;
import dev.ebpm.registry.content.StoredManifest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Signs "this hub compiled this manifest from these sources" for every version a worker's build published:
 * an in-toto statement with a SLSA provenance predicate, in a DSSE envelope signed with the hub key, in a
 * sigstore bundle stored as an OCI referrer of the package manifest. The same build attested twice gives
 * the same statement, and the stored referrer is found, not duplicated.
 */
@ApplicationScoped
public class ProvenanceService {
    private final HubKey hub;
    private final BlobService blobs;
    private final Manifests manifests;

    ProvenanceService(HubKey hub, BlobService blobs, Manifests manifests) {
        this.hub = hub;
        this.blobs = blobs;
        this.manifests = manifests;
    }

    public StoredManifest attest(ProvenanceRequest r) {
        StoredManifest subject = manifests.find(r.repository(), r.manifestDigest()).orElseThrow(() ->
            new IllegalStateException("attesting " + r.manifestDigest() + ", which " + r.repository() + " lacks"));
        for (StoredManifest existing : manifests.referrers(r.repository(), r.manifestDigest(), SigstoreBundle.MEDIA_TYPE)) {
            if (isHubs(existing)) {
                return existing;
            }
        }
        byte[] bytes = new BuildProvenance(hub.publicHost() + "/" + r.repository(), r.manifestDigest(), r.repository(),
            r.version(), r.buildId().toString(), r.sourceDigest(), hub.builderId(), r.environment(), r.startedOn(),
            r.finishedOn(), r.objectDigest()).toBytes();
        SigstoreBundle bundle = new SigstoreBundle(hub.publicKey().fingerprint(), Dsse.sign(Dsse.IN_TOTO, bytes, hub.key()));
        OciDescriptor to = new OciDescriptor(OciManifest.MEDIA_TYPE, r.manifestDigest(), subject.content.length, null,
            Map.of(), List.of());
        Attachment a = bundle.attachTo(to, BuildProvenance.PREDICATE_TYPE);
        for (Attachment.Blob b : a.blobs()) {
            blobs.store(b.content(), b.descriptor().digest(), r.repository());
        }
        return manifests.saveAttachment(r.repository(), a.digest(), a.model(), a.manifest());
    }

    /** Whether a stored bundle referrer is one this hub's key made (its hint names the key). */
    private boolean isHubs(StoredManifest m) {
        OciManifest parsed = OciManifest.parse(m.content);
        return parsed.layers().stream().anyMatch(l -> SigstoreBundle.MEDIA_TYPE.equals(l.mediaType())
            && SigstoreBundle.parse(blobs.read(l.digest(), l.size())).keyHint().equals(hub.publicKey().fingerprint()));
    }
}
