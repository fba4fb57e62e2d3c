package dev.ebpm.format.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.List;
import java.util.Map;

/**
 * A sigstore bundle v0.3 holding a DSSE envelope, verified with a public key: {@code verificationMaterial}
 * names the key by its hint (the fingerprint) and has no certificate, transparency-log entry or timestamp,
 * since verification here must work offline with keys alone.
 */
public record SigstoreBundle(String keyHint, Dsse envelope) {
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public static final int MAX_SIZE = 512 * 1024;

    public byte[] toBytes() {
        ObjectNode o = Json.object();
        o.put("mediaType", MEDIA_TYPE);
        ObjectNode material = o.putObject("verificationMaterial");
        material.putObject("publicKey").put("hint", keyHint);
        material.putArray("tlogEntries");
        material.putObject("timestampVerificationData");
        envelope.writeTo(o.putObject("dsseEnvelope"));
        return Json.canonical(o);
    }

    public static SigstoreBundle parse(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new PackageFormatException("the bundle is " + bytes.length + " bytes, over " + MAX_SIZE);
        }
        JsonFields f = JsonFields.of(Json.parse(bytes), "bundle");
        String type = f.requiredString("mediaType");
        if (!type.equals(MEDIA_TYPE)) {
            throw f.invalid("mediaType", "expected " + MEDIA_TYPE + ", found " + type);
        }
        JsonFields key = f.requiredObject("verificationMaterial").object("publicKey");
        if (!f.has("dsseEnvelope")) {
            throw f.missing("dsseEnvelope", "a DSSE envelope (message-signature bundles are not used here)");
        }
        return new SigstoreBundle(key == null ? null : key.string("hint"), Dsse.read(f.requiredObject("dsseEnvelope")));
    }

    /** The bundle as an OCI 1.1 referrer of {@code subject}, the way cosign attaches new-format bundles. */
    public Attachment attachTo(OciDescriptor subject, String predicateType) {
        byte[] bytes = toBytes();
        OciDescriptor layer = OciDescriptor.of(MEDIA_TYPE, bytes).withAnnotations(Map.of(
            "dev.sigstore.bundle.content", "dsse-envelope", "dev.sigstore.bundle.predicateType", predicateType));
        return Attachment.referrer(MEDIA_TYPE, subject, List.of(new Attachment.Blob(layer, bytes)),
            Map.of("dev.sigstore.bundle.predicateType", predicateType));
    }
}
