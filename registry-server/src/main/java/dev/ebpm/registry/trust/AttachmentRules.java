package dev.ebpm.registry.trust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.Dsse;
import dev.ebpm.format.trust.SigstoreBundle;
import dev.ebpm.format.trust.SimpleSigning;
import dev.ebpm.registry.content.BlobService;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a pushed signature or bundle must be before it is stored: well-formed, bounded, and about the
 * manifest it is attached to (a payload naming another digest is refused here with 400, not stored to be
 * refused by every client later). Whether the signature holds is not decided here: that depends on who
 * trusts which key, and ecli decides it for itself.
 */
@ApplicationScoped
public class AttachmentRules {
    private final BlobService blobs;

    AttachmentRules(BlobService blobs) {
        this.blobs = blobs;
    }

    public void check(OciManifest parsed, Digest subject) {
        try {
            if (CosignArtifacts.isSignature(parsed)) {
                for (CosignArtifacts.SignatureLayer l : CosignArtifacts.signatures(parsed)) {
                    SimpleSigning payload = SimpleSigning.parse(read(l.payload(), SimpleSigning.MAX_SIZE));
                    if (!payload.manifestDigest().equals(subject)) {
                        throw invalid("the signature's payload names " + payload.manifestDigest() + " but it is attached "
                            + "to " + subject);
                    }
                }
            }
            for (OciDescriptor l : parsed.layers()) {
                if (SigstoreBundle.MEDIA_TYPE.equals(l.mediaType())) {
                    checkBundle(SigstoreBundle.parse(read(l, SigstoreBundle.MAX_SIZE)), subject);
                }
            }
        } catch (PackageFormatException e) {
            throw invalid(e.getMessage());
        }
    }

    private static void checkBundle(SigstoreBundle bundle, Digest subject) {
        Dsse env = bundle.envelope();
        if (!Dsse.IN_TOTO.equals(env.payloadType())) {
            return;
        }
        JsonNode statement = Json.parse(env.payload());
        for (JsonNode s : statement.path("subject")) {
            if (subject.hex().equals(s.path("digest").path("sha256").asText())) {
                return;
            }
        }
        throw invalid("the bundle's in-toto statement does not name " + subject + " as its subject");
    }

    private byte[] read(OciDescriptor d, int max) {
        if (d.size() > max) {
            throw invalid("a " + d.mediaType() + " layer of " + d.size() + " bytes, over " + max);
        }
        return blobs.read(d.digest(), d.size());
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(ErrorCode.SIGNATURE_INVALID, message);
    }
}
