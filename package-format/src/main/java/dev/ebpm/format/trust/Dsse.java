package dev.ebpm.format.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.JsonFields;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope (in-toto's "Dead Simple Signing Envelope"): a typed payload and signatures over its
 * pre-authentication encoding {@link #pae}, so a signature can never be replayed over another type.
 */
public record Dsse(String payloadType, byte[] payload, List<Signature> signatures) {
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    public static final int MAX_PAYLOAD = 256 * 1024;

    public record Signature(String keyid, byte[] sig) {
    }

    public Dsse {
        signatures = List.copyOf(signatures);
    }

    public static Dsse sign(String payloadType, byte[] payload, SigningKey key) {
        return new Dsse(payloadType, payload, List.of(new Signature(key.publicKey().fingerprint(),
            key.sign(pae(payloadType, payload)))));
    }

    /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in ASCII decimal bytes. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    void writeTo(ObjectNode o) {
        o.put("payload", Base64.getEncoder().encodeToString(payload));
        o.put("payloadType", payloadType);
        var sigs = o.putArray("signatures");
        for (Signature s : signatures) {
            ObjectNode n = sigs.addObject();
            n.put("sig", Base64.getEncoder().encodeToString(s.sig()));
            if (s.keyid() != null) {
                n.put("keyid", s.keyid());
            }
        }
    }

    static Dsse read(JsonFields f) {
        String type = f.requiredString("payloadType");
        byte[] payload = base64(f, "payload", MAX_PAYLOAD);
        List<Signature> sigs = f.objects("signatures", s -> new Signature(s.string("keyid"),
            base64(s, "sig", CosignArtifacts.MAX_SIGNATURE_TEXT)));
        if (sigs.isEmpty() || sigs.size() > 8) {
            throw f.invalid("signatures", "expected 1 to 8 signatures, found " + sigs.size());
        }
        return new Dsse(type, payload, sigs);
    }

    private static byte[] base64(JsonFields f, String key, int max) {
        String text = f.requiredString(key);
        if (text.length() > max * 4L / 3 + 4) {
            throw f.invalid(key, "over " + max + " bytes");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new PackageFormatException(f.pathOf(key) + ": not base64");
        }
    }
}
