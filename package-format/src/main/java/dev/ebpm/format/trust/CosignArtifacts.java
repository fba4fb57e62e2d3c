package dev.ebpm.format.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * cosign's signature artifacts, both forms: the OCI 1.1 referrer (artifactType {@value #SIG_ARTIFACT_TYPE},
 * with a {@code subject}) and the legacy tag {@code sha256-<hex>.sig} that {@code cosign sign} pushes by
 * default. In both, each layer is a simple-signing payload with its base64 signature in the
 * {@value #SIGNATURE_ANNOTATION} annotation.
 */
public final class CosignArtifacts {
    public static final String SIG_ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    /**
     * ebpm's hint of the signing key's fingerprint, on each signature layer it writes: it only lets a refusal
     * say "altered" instead of "unknown key"; verification never relies on it.
     */
    public static final String KEY_ANNOTATION = "dev.ebpm.signature.key";
    public static final String LEGACY_CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    /** An ECDSA P-256 DER signature is at most 72 bytes; base64 and slack for other key types. */
    public static final int MAX_SIGNATURE_TEXT = 1024;
    /** More layers than this in one signature artifact is not a signature. */
    public static final int MAX_LAYERS = 64;
    private static final Pattern LEGACY_TAG = Pattern.compile("sha256-([0-9a-f]{64})\\.(sig|att|sbom)");

    private CosignArtifacts() {
    }

    /** One signature found in an artifact: the payload's descriptor and the signature bytes. */
    public record SignatureLayer(OciDescriptor payload, byte[] signature) {
    }

    public static String legacyTag(Digest subject) {
        return "sha256-" + subject.hex() + ".sig";
    }

    /** The digest a legacy attachment tag ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}) names, or null. */
    public static Digest legacySubject(String tag) {
        var m = LEGACY_TAG.matcher(tag);
        return m.matches() ? new Digest(m.group(1)) : null;
    }

    /** The referrer form of one signature. */
    public static Attachment referrer(OciDescriptor subject, SimpleSigning payload, byte[] signature, String keyHint) {
        return Attachment.referrer(SIG_ARTIFACT_TYPE, subject, List.of(layer(payload, signature, keyHint)), Map.of());
    }

    /**
     * The legacy form: the signatures already under the tag (to keep them, as cosign does) plus this one,
     * under an image config whose {@code rootfs.diff_ids} list the payloads.
     */
    public static Attachment legacy(List<Attachment.Blob> existing, SimpleSigning payload, byte[] signature,
                                    String keyHint) {
        List<Attachment.Blob> layers = new ArrayList<>(existing);
        layers.add(layer(payload, signature, keyHint));
        var config = Json.object();
        config.put("architecture", "");
        config.put("os", "");
        config.putObject("config");
        var rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        var ids = rootfs.putArray("diff_ids");
        layers.forEach(l -> ids.add(l.descriptor().digest().toString()));
        byte[] configBytes = Json.canonical(config);
        Attachment.Blob c = new Attachment.Blob(OciDescriptor.of(LEGACY_CONFIG_TYPE, configBytes), configBytes);
        OciManifest m = new OciManifest(OciManifest.MEDIA_TYPE, null, c.descriptor(),
            layers.stream().map(Attachment.Blob::descriptor).toList(), null, Map.of());
        return new Attachment(m, m.toBytes(), Attachment.concat(c, layers));
    }

    private static Attachment.Blob layer(SimpleSigning payload, byte[] signature, String keyHint) {
        Map<String, String> annotations = new java.util.TreeMap<>();
        annotations.put(SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signature));
        if (keyHint != null) {
            annotations.put(KEY_ANNOTATION, keyHint);
        }
        OciDescriptor d = OciDescriptor.of(SimpleSigning.MEDIA_TYPE, payload.bytes()).withAnnotations(annotations);
        return new Attachment.Blob(d, payload.bytes());
    }

    /** Whether a manifest is a cosign signature artifact (either form). */
    public static boolean isSignature(OciManifest m) {
        return SIG_ARTIFACT_TYPE.equals(m.artifactType())
            || m.layers().stream().anyMatch(l -> SimpleSigning.MEDIA_TYPE.equals(l.mediaType()));
    }

    /** The signatures a signature artifact carries; a malformed one is refused, naming the layer. */
    public static List<SignatureLayer> signatures(OciManifest m) {
        if (m.layers().size() > MAX_LAYERS) {
            throw new PackageFormatException("a signature artifact with " + m.layers().size() + " layers (at most "
                + MAX_LAYERS + ")");
        }
        List<SignatureLayer> out = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) {
            OciDescriptor l = m.layers().get(i);
            if (!SimpleSigning.MEDIA_TYPE.equals(l.mediaType())) {
                continue;
            }
            if (l.size() > SimpleSigning.MAX_SIZE) {
                throw new PackageFormatException("signature layer " + i + " is " + l.size() + " bytes, over "
                    + SimpleSigning.MAX_SIZE);
            }
            String text = l.annotations().get(SIGNATURE_ANNOTATION);
            if (text == null || text.isEmpty() || text.length() > MAX_SIGNATURE_TEXT) {
                throw new PackageFormatException("signature layer " + i + " has " + (text == null || text.isEmpty()
                    ? "no" : "an oversized") + " " + SIGNATURE_ANNOTATION + " annotation");
            }
            try {
                out.add(new SignatureLayer(l, Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII))));
            } catch (IllegalArgumentException e) {
                throw new PackageFormatException("signature layer " + i + ": the signature is not base64");
            }
        }
        if (out.isEmpty()) {
            throw new PackageFormatException("a signature artifact with no " + SimpleSigning.MEDIA_TYPE + " layer");
        }
        return out;
    }
}
