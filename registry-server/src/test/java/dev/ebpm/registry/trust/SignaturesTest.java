package dev.ebpm.registry.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.provenance.BuildEnvironment;
import dev.ebpm.format.provenance.BuildProvenance;
import dev.ebpm.format.trust.Attachment;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.Dsse;
import dev.ebpm.format.trust.Evidence;
import dev.ebpm.format.trust.PublicKeyPem;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.trust.SigstoreBundle;
import dev.ebpm.format.trust.SimpleSigning;
import dev.ebpm.format.trust.TrustVerifier;
import dev.ebpm.format.trust.TrustedKey;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Builds;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import dev.ebpm.registry.testing.Sources;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Signatures and provenance on the real registry: keys listed, registered and revoked; cosign signatures
 * pushed in both forms and checked on arrival; the hub's provenance for a worker's build, verifiable with
 * the hub's key alone.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class SignaturesTest {
    static final String MEDIA = OciManifest.MEDIA_TYPE;

    static String manifestDigest(String name, String version) {
        return RestAssured.get("/api/v1/packages/" + name + "/-/versions/" + version).then().statusCode(200)
            .extract().path("digests.manifest");
    }

    static OciDescriptor subject(String name, String digest) {
        byte[] m = RestAssured.given().accept(MEDIA).get("/v2/" + name + "/manifests/" + digest).then().statusCode(200)
            .extract().asByteArray();
        return new OciDescriptor(MEDIA, Digest.parse(digest), m.length, null, Map.of(), List.of());
    }

    static Response push(String token, String repo, String reference, Attachment a) {
        for (Attachment.Blob b : a.blobs()) {
            Oci.pushBlob(token, repo, b.content()).then().statusCode(201);
        }
        return Oci.pushManifest(token, repo, reference == null ? a.digest().toString() : reference, a.manifest());
    }

    static String register(SigningKey key, String name) {
        return Api.as(Api.ADMIN).contentType("application/json")
            .body(Map.of("name", name, "publicKey", key.publicKey().pem())).post("/api/v1/keys")
            .then().statusCode(201).body("kind", equalTo("publisher")).extract().path("fingerprint");
    }

    @Test
    void theHubKeyIsListedAndKeysAreRegisteredByAdminsOnly() {
        String hubPem = RestAssured.get("/api/v1/keys").then().statusCode(200)
            .body("kind", hasItem("hub")).extract().path("find { it.kind == 'hub' }.publicKey");
        assertThat(PublicKeyPem.read(hubPem.getBytes(StandardCharsets.US_ASCII), "hub", "hub").fingerprint()).hasSize(64);
        SigningKey key = SigningKey.generate("k");
        String publisher = Api.publisher();
        Api.as(publisher).contentType("application/json").body(Map.of("name", "me", "publicKey", key.publicKey().pem()))
            .post("/api/v1/keys").then().statusCode(403);
        String fp = register(key, "alice");
        assertThat(fp).isEqualTo(key.publicKey().fingerprint());
        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("name", "again", "publicKey", key.publicKey().pem()))
            .post("/api/v1/keys").then().statusCode(409).body("errors[0].code", equalTo("KEY_EXISTS"));
        for (String bad : List.of("hello", key.privatePem(null), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")) {
            Api.as(Api.ADMIN).contentType("application/json").body(Map.of("name", "bad", "publicKey", bad))
                .post("/api/v1/keys").then().statusCode(400).body("errors[0].code", equalTo("KEY_INVALID"));
        }
        Api.as(Api.ADMIN).contentType("application/json").body("{\"name\": 5}").post("/api/v1/keys")
            .then().statusCode(400);
        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("reason", "x"))
            .post("/api/v1/keys/" + "0".repeat(64) + "/revoke").then().statusCode(404);
        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("reason", "x"))
            .post("/api/v1/keys/nothex/revoke").then().statusCode(400);
    }

    @Test
    void signaturesInBothFormsAreStoredCheckedAndRevoked() {
        String token = Api.publisher();
        Api.publish(token, Fixtures.renamed("sigsnoop", "signed/sigsnoop", "1.0.0")).then().statusCode(201);
        String digest = manifestDigest("signed/sigsnoop", "1.0.0");
        RestAssured.get("/api/v1/packages/signed/sigsnoop/-/versions/1.0.0/signatures").then().statusCode(200)
            .body("verified", equalTo(false)).body("signatures.size()", equalTo(0));

        SigningKey alice = SigningKey.generate("alice");
        register(alice, "alice");
        SimpleSigning payload = SimpleSigning.of("localhost/signed/sigsnoop", Digest.parse(digest), null);
        Attachment referrer = CosignArtifacts.referrer(subject("signed/sigsnoop", digest), payload,
            alice.sign(payload.bytes()), alice.publicKey().fingerprint());
        push(token, "signed/sigsnoop", null, referrer).then().statusCode(201).header("OCI-Subject", digest);
        RestAssured.get("/v2/signed/sigsnoop/referrers/" + digest).then().statusCode(200)
            .body("manifests.artifactType", hasItem(CosignArtifacts.SIG_ARTIFACT_TYPE));

        // The legacy tag form, as `cosign sign` pushes it by default.
        SigningKey bob = SigningKey.generate("bob");
        String bobFp = register(bob, "bob");
        Attachment legacy = CosignArtifacts.legacy(List.of(), payload, bob.sign(payload.bytes()), null);
        String tag = CosignArtifacts.legacyTag(Digest.parse(digest));
        push(token, "signed/sigsnoop", tag, legacy).then().statusCode(201);
        byte[] served = RestAssured.given().accept(MEDIA).get("/v2/signed/sigsnoop/manifests/" + tag).then()
            .statusCode(200).extract().asByteArray();
        assertThat(served).isEqualTo(legacy.manifest());

        RestAssured.get("/api/v1/packages/signed/sigsnoop/-/versions/1.0.0/signatures").then().statusCode(200)
            .body("verified", equalTo(true)).body("signatures.size()", equalTo(2))
            .body("signatures.keyName", hasItem("alice")).body("signatures.keyName", hasItem("bob"))
            .body("signatures.verified", equalTo(List.of(true, true)));

        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("reason", "laptop stolen"))
            .post("/api/v1/keys/" + bobFp + "/revoke").then().statusCode(200).body("revoked", equalTo(true));
        RestAssured.get("/api/v1/keys").then().body("find { it.fingerprint == '" + bobFp + "' }.revokedReason",
            equalTo("laptop stolen"));
        RestAssured.get("/api/v1/packages/signed/sigsnoop/-/versions/1.0.0/signatures").then()
            .body("signatures.find { it.origin.startsWith('tag') }.verified", equalTo(false))
            .body("signatures.find { it.origin.startsWith('tag') }.problem", containsString("revoked key bob"))
            .body("verified", equalTo(true));
    }

    @Test
    void malformedSignaturesAreRefusedOnUploadNeverStored() {
        String token = Api.publisher();
        Api.publish(token, Fixtures.renamed("sigsnoop", "signed/bad", "1.0.0")).then().statusCode(201);
        String digest = manifestDigest("signed/bad", "1.0.0");
        OciDescriptor to = subject("signed/bad", digest);
        SigningKey key = SigningKey.generate("k");

        SimpleSigning other = SimpleSigning.of("x", Digest.sha256(new byte[] {9}), null);
        push(token, "signed/bad", null, CosignArtifacts.referrer(to, other, key.sign(other.bytes()), null)).then()
            .statusCode(400).body("errors[0].code", equalTo("SIGNATURE_INVALID"))
            .body("errors[0].message", containsString("attached to " + digest));

        byte[] junk = "{\"critical\": {\"type\": \"cosign container image signature\"}}".getBytes(StandardCharsets.UTF_8);
        OciDescriptor junkLayer = OciDescriptor.of(SimpleSigning.MEDIA_TYPE, junk)
            .withAnnotations(Map.of(CosignArtifacts.SIGNATURE_ANNOTATION, "AAAA"));
        pushRaw(token, "signed/bad", to, junkLayer, junk).then().statusCode(400)
            .body("errors[0].message", containsString("payload.critical.image"));

        SimpleSigning good = SimpleSigning.of("x", Digest.parse(digest), null);
        OciDescriptor notBase64 = OciDescriptor.of(SimpleSigning.MEDIA_TYPE, good.bytes())
            .withAnnotations(Map.of(CosignArtifacts.SIGNATURE_ANNOTATION, "!!not base64!!"));
        pushRaw(token, "signed/bad", to, notBase64, good.bytes()).then().statusCode(400)
            .body("errors[0].message", containsString("not base64"));
        OciDescriptor huge = OciDescriptor.of(SimpleSigning.MEDIA_TYPE, good.bytes())
            .withAnnotations(Map.of(CosignArtifacts.SIGNATURE_ANNOTATION, "A".repeat(5000)));
        pushRaw(token, "signed/bad", to, huge, good.bytes()).then().statusCode(400);

        byte[] badBundle = "{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\"}".getBytes();
        OciDescriptor bundleLayer = OciDescriptor.of(SigstoreBundle.MEDIA_TYPE, badBundle);
        pushRaw(token, "signed/bad", to, bundleLayer, badBundle).then().statusCode(400)
            .body("errors[0].code", equalTo("SIGNATURE_INVALID"));

        // A legacy tag for a digest the payload does not name is refused too.
        Attachment legacy = CosignArtifacts.legacy(List.of(), other, key.sign(other.bytes()), null);
        push(token, "signed/bad", CosignArtifacts.legacyTag(Digest.parse(digest)), legacy).then().statusCode(400);
        RestAssured.get("/api/v1/packages/signed/bad/-/versions/1.0.0/signatures").then()
            .body("signatures.size()", equalTo(0));
    }

    private static Response pushRaw(String token, String repo, OciDescriptor to, OciDescriptor layer, byte[] content) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        Oci.pushBlob(token, repo, empty).then().statusCode(201);
        Oci.pushBlob(token, repo, content).then().statusCode(201);
        OciManifest m = new OciManifest(MEDIA, CosignArtifacts.SIG_ARTIFACT_TYPE,
            OciDescriptor.of(Attachment.EMPTY_MEDIA_TYPE, empty), List.of(layer), to, Map.of());
        byte[] bytes = m.toBytes();
        return Oci.pushManifest(token, repo, Digest.sha256(bytes).toString(), bytes);
    }

    @Test
    void aBuildReportedWithoutItsEnvironmentStillHasProvenanceAndAPage() {
        Builds builds = Builds.withFreshTokens();
        String id = builds.submit("proven/old-worker", "1.0.0", Sources.example("opensnoop"));
        String lease = (String) builds.leaseOf(id).get("lease");
        Api.as(builds.worker()).header("Ebpm-Lease", lease)
            .body(Fixtures.file(Fixtures.renamed("opensnoop", "proven/old-worker", "1.0.0")))
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200);
        RestAssured.get("/api/v1/packages/proven/old-worker/-/versions/1.0.0/signatures").then().statusCode(200)
            .body("provenance.buildId", equalTo(id)).body("provenance.tools.size()", equalTo(0));
        assertThat(RestAssured.get("/packages/proven/old-worker").then().statusCode(200).extract().asString())
            .contains("Built by this hub from sources").doesNotContain("clang ");
    }

    @Test
    void aWorkersBuildCarriesTheHubsProvenanceVerifiableWithTheHubKeyAlone() {
        Builds builds = Builds.withFreshTokens();
        byte[] sources = Sources.example("sigsnoop");
        String id = builds.submit("proven/sigsnoop", "1.0.0", sources);
        String lease = (String) builds.leaseOf(id).get("lease");
        BuildEnvironment env = new BuildEnvironment("test-worker", Map.of("ecc", "dev", "clang", "19.1.7",
            "libbpf-headers", "1.4"), Map.of("kind", "bubblewrap"));
        String header = Base64.getEncoder().encodeToString(env.toBytes());
        Api.as(builds.worker()).header("Ebpm-Lease", lease).header("Ebpm-Build-Environment", "{not base64")
            .body(Fixtures.file(Fixtures.renamed("sigsnoop", "proven/sigsnoop", "1.0.0")))
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(400);
        Api.as(builds.worker()).header("Ebpm-Lease", lease).header("Ebpm-Build-Environment", header)
            .body(Fixtures.file(Fixtures.renamed("sigsnoop", "proven/sigsnoop", "1.0.0")))
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200).body("state", equalTo("succeeded"));
        // Reported again (the first answer was lost): still one provenance.
        Api.as(builds.worker()).header("Ebpm-Lease", lease).header("Ebpm-Build-Environment", header)
            .body(Fixtures.file(Fixtures.renamed("sigsnoop", "proven/sigsnoop", "1.0.0")))
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200);

        String digest = manifestDigest("proven/sigsnoop", "1.0.0");
        List<Map<String, Object>> refs = RestAssured.get("/v2/proven/sigsnoop/referrers/" + digest
            + "?artifactType=" + SigstoreBundle.MEDIA_TYPE).then().statusCode(200).extract().path("manifests");
        assertThat(refs).hasSize(1);
        byte[] manifest = RestAssured.given().accept(MEDIA).get("/v2/proven/sigsnoop/manifests/" + refs.get(0).get("digest"))
            .then().statusCode(200).extract().asByteArray();
        OciDescriptor layer = OciManifest.parse(manifest).layers().get(0);
        byte[] bundle = RestAssured.get("/v2/proven/sigsnoop/blobs/" + layer.digest()).then().statusCode(200)
            .extract().asByteArray();

        String hubPem = RestAssured.get("/api/v1/keys").then().extract().path("find { it.kind == 'hub' }.publicKey");
        TrustedKey hub = PublicKeyPem.read(hubPem.getBytes(StandardCharsets.US_ASCII), "hub", "hub");
        TrustVerifier.Verdict v = new TrustVerifier(List.of(hub), Map.of()).verify(Digest.parse(digest),
            new Evidence(List.of(), List.of(bundle), List.of()));
        assertThat(v.trusted()).isTrue();
        BuildProvenance p = v.provenance().orElseThrow().provenance();
        assertThat(p.buildId()).isEqualTo(id);
        assertThat(p.sourceDigest()).isEqualTo(Digest.sha256(sources));
        assertThat(p.environment()).isEqualTo(env);
        assertThat(p.builderId()).isEqualTo("ebpm-hub:" + hub.fingerprint());
        assertThat(Json.parse(SigstoreBundle.parse(bundle).envelope().payload()).path("subject").get(0).path("digest")
            .path("sha256").asText()).isEqualTo(Digest.parse(digest).hex());
        assertThat(SigstoreBundle.parse(bundle).envelope().payloadType()).isEqualTo(Dsse.IN_TOTO);

        RestAssured.get("/api/v1/packages/proven/sigsnoop/-/versions/1.0.0/signatures").then().statusCode(200)
            .body("verified", equalTo(true)).body("provenance.buildId", equalTo(id))
            .body("provenance.verified", equalTo(true)).body("provenance.tools.clang", equalTo("19.1.7"))
            .body("provenance.sourceDigest", equalTo(Digest.sha256(sources).toString()));

        // The catalog shows the same, with the badge; search can keep to signed packages.
        String page = RestAssured.get("/packages/proven/sigsnoop").then().statusCode(200).extract().asString();
        assertThat(page).contains("class=\"verified\"", "provenance by <strong>hub</strong> (this hub)",
            "Built by this hub from sources", "/builds/" + id, "clang 19.1.7", "libbpf 1.4", "worker test-worker",
            "ecli verify proven/sigsnoop@1.0.0 --rebuild");
        Api.publish(Api.publisher(), Fixtures.renamed("sigsnoop", "proven/unsigned", "1.0.0")).then().statusCode(201);
        assertThat(RestAssured.get("/packages/proven/unsigned").then().statusCode(200).extract().asString())
            .contains("Not signed").doesNotContain("class=\"verified\"");
        List<String> signedOnly = RestAssured.get("/api/v1/search?q=proven&signed=true").then().statusCode(200)
            .extract().path("results.name");
        assertThat(signedOnly).contains("proven/sigsnoop").doesNotContain("proven/unsigned");
        assertThat(RestAssured.get("/api/v1/search?q=proven").<List<String>>path("results.name"))
            .contains("proven/sigsnoop", "proven/unsigned");
        assertThat(RestAssured.get("/search?q=proven&signed=true").then().statusCode(200).extract().asString())
            .contains("proven/sigsnoop").doesNotContain("proven/unsigned").contains("checked");
    }
}
