package dev.ebpm.format.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a registry holds about one package manifest, gathered before verifying: cosign signatures (payload
 * bytes, signature, the key hint ebpm adds, where it was found), provenance bundles, and what could not be
 * read (an altered blob is evidence too: it is reported, never silently skipped). ecli keeps it next to the
 * cached package and verifies it again on every run.
 */
public record Evidence(List<Signature> signatures, List<byte[]> bundles, List<TrustProblem> unreadable) {
    public static final int MAX_ITEMS = 64;
    public static final int MAX_SIZE = 4 << 20;

    public record Signature(byte[] payload, byte[] signature, String keyHint, String origin) {
    }

    public Evidence {
        signatures = List.copyOf(signatures);
        bundles = List.copyOf(bundles);
        unreadable = List.copyOf(unreadable);
    }

    public static Evidence none() {
        return new Evidence(List.of(), List.of(), List.of());
    }

    public byte[] toBytes() {
        ObjectNode o = Json.object();
        var sigs = o.putArray("signatures");
        Base64.Encoder b64 = Base64.getEncoder();
        for (Signature s : signatures) {
            ObjectNode n = sigs.addObject();
            n.put("payload", b64.encodeToString(s.payload()));
            n.put("signature", b64.encodeToString(s.signature()));
            if (s.keyHint() != null) {
                n.put("key", s.keyHint());
            }
            n.put("origin", s.origin());
        }
        var bundleArray = o.putArray("bundles");
        bundles.forEach(b -> bundleArray.add(b64.encodeToString(b)));
        var bad = o.putArray("unreadable");
        for (TrustProblem p : unreadable) {
            bad.addObject().put("reason", p.reason().name()).put("detail", p.detail());
        }
        return Json.canonical(o);
    }

    public static Evidence parse(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new PackageFormatException("signature evidence of " + bytes.length + " bytes, over " + MAX_SIZE);
        }
        JsonFields f = JsonFields.of(Json.parse(bytes), "evidence");
        List<Signature> sigs = f.objects("signatures", s -> new Signature(decode(s, "payload"), decode(s, "signature"),
            s.string("key"), s.requiredString("origin")));
        List<byte[]> bundles = new ArrayList<>();
        for (String b : f.strings("bundles")) {
            bundles.add(Base64.getDecoder().decode(b));
        }
        List<TrustProblem> bad = f.objects("unreadable", p -> new TrustProblem(
            TrustProblem.Reason.valueOf(p.requiredString("reason")), null, p.requiredString("detail")));
        if (sigs.size() + bundles.size() + bad.size() > MAX_ITEMS * 3) {
            throw new PackageFormatException("too many signatures in the evidence");
        }
        return new Evidence(sigs, bundles, bad);
    }

    private static byte[] decode(JsonFields f, String key) {
        try {
            return Base64.getDecoder().decode(f.requiredString(key));
        } catch (IllegalArgumentException e) {
            throw new PackageFormatException(f.pathOf(key) + ": not base64");
        }
    }
}
