package dev.ebpm.ecli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.http.RegistryHttpClient;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.Evidence;
import dev.ebpm.format.trust.SigstoreBundle;
import dev.ebpm.format.trust.TrustProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what a registry holds about a manifest, the way cosign and Inspektor Gadget look: the OCI 1.1
 * referrers (signatures and sigstore bundles) and cosign's legacy {@code sha256-<hex>.sig} tag, which
 * {@code cosign sign} still writes by default and registries without referrers only have. Every manifest
 * and blob is checked against its digest and bounded; what fails is kept as a problem, not dropped.
 */
public final class EvidenceFetcher {
    static final long MAX_MANIFEST = 256 * 1024;
    private final RegistryClient client;

    public EvidenceFetcher(RegistryClient client) {
        this.client = client;
    }

    public Evidence fetch(String name, Digest manifest) {
        List<Evidence.Signature> signatures = new ArrayList<>();
        List<byte[]> bundles = new ArrayList<>();
        List<TrustProblem> problems = new ArrayList<>();
        RegistryHttpClient.Reply index = client.optional("/v2/" + name + "/referrers/" + manifest, MAX_MANIFEST,
            "the referrers of " + name + "@" + manifest, RegistryClient.INDEX_TYPE);
        if (index != null) {
            int seen = 0;
            for (JsonNode d : parse(index.body(), problems).path("manifests")) {
                String type = d.path("artifactType").asText("");
                if (!type.equals(CosignArtifacts.SIG_ARTIFACT_TYPE) && !type.equals(SigstoreBundle.MEDIA_TYPE)) {
                    continue;
                }
                if (++seen > Evidence.MAX_ITEMS) {
                    problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "more than "
                        + Evidence.MAX_ITEMS + " signature referrers; the rest were not read"));
                    break;
                }
                String digest = d.path("digest").asText("");
                read(name, digest, "referrer " + digest, signatures, bundles, problems);
            }
        }
        read(name, CosignArtifacts.legacyTag(manifest), "tag " + CosignArtifacts.legacyTag(manifest), signatures,
            bundles, problems);
        return new Evidence(signatures, bundles, problems);
    }

    private static JsonNode parse(byte[] body, List<TrustProblem> problems) {
        try {
            return Json.parse(body);
        } catch (PackageFormatException e) {
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "unreadable referrers list: "
                + e.getMessage()));
            return Json.object();
        }
    }

    private void read(String name, String reference, String origin, List<Evidence.Signature> signatures,
                      List<byte[]> bundles, List<TrustProblem> problems) {
        try {
            RegistryHttpClient.Reply r = client.optional("/v2/" + name + "/manifests/" + reference, MAX_MANIFEST,
                "the " + origin + " of " + name);
            if (r == null) {
                return;
            }
            if (reference.startsWith("sha256:") && !r.digest().toString().equals(reference)) {
                throw new PackageFormatException("its manifest is not " + reference + " (altered)");
            }
            OciManifest m = OciManifest.parse(r.body());
            if (CosignArtifacts.isSignature(m)) {
                for (CosignArtifacts.SignatureLayer l : CosignArtifacts.signatures(m)) {
                    byte[] payload = client.blob(name, l.payload().digest(), l.payload().size(), "the payload of the "
                        + origin);
                    signatures.add(new Evidence.Signature(payload, l.signature(),
                        l.payload().annotations().get(CosignArtifacts.KEY_ANNOTATION), origin));
                }
            }
            for (OciDescriptor l : m.layers()) {
                if (SigstoreBundle.MEDIA_TYPE.equals(l.mediaType())) {
                    if (l.size() > SigstoreBundle.MAX_SIZE) {
                        throw new PackageFormatException("a bundle of " + l.size() + " bytes");
                    }
                    bundles.add(client.blob(name, l.digest(), l.size(), "the bundle of the " + origin));
                }
            }
        } catch (PackageFormatException e) {
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "the " + origin + ": "
                + e.getMessage()));
        } catch (EcliException e) {
            // Unreachable or refused: nothing was learned, so the caller decides. Anything else (a digest that
            // does not match, a corrupt blob, an error answer) is a signature that cannot be checked.
            if (e.exitCode() == ExitCodes.UNREACHABLE || e.exitCode() == ExitCodes.AUTH) {
                throw e;
            }
            problems.add(new TrustProblem(TrustProblem.Reason.BAD_SIGNATURE, null, "the " + origin + ": "
                + e.getMessage()));
        }
    }

    /** The revoked keys a registry publishes at {@code /api/v1/keys} (none from registries without that API). */
    public Map<String, String> revocations() {
        Map<String, String> out = new LinkedHashMap<>();
        RegistryHttpClient.Reply r = client.optional("/api/v1/keys", 4L << 20, "the registry's keys", "application/json");
        if (r == null) {
            return out;
        }
        for (JsonNode k : Json.parse(r.body())) {
            if (k.path("revoked").asBoolean(false) && k.path("fingerprint").isTextual()) {
                out.put(k.path("fingerprint").asText(), "revoked by " + client.base() + ": "
                    + k.path("revokedReason").asText("no reason given"));
            }
        }
        return out;
    }
}
