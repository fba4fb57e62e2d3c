package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.registry.storage.ObjectStore;
import dev.ebpm.registry.storage.StorageKey;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The OCI Distribution rules the conformance suite checks, as raw HTTP. */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class OciProtocolTest {
    @jakarta.inject.Inject
    ObjectStore store;

    private String token;

    @BeforeEach
    void token() {
        token = Api.publisher();
    }

    @Test
    void pingChallengesAnonymousClientsAndAcceptsTokens() {
        RestAssured.get("/v2/").then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"ebpm\"")
            .header("Docker-Distribution-API-Version", "registry/2.0");
        Oci.as(token).get("/v2/").then().statusCode(200);
        Oci.as("ebpm_wrong_token_0000000000000000000").get("/v2/").then().statusCode(401);
    }

    @Test
    void chunkedUploadsMustArriveInOrder() {
        byte[] blob = new byte[3000];
        Arrays.fill(blob, (byte) 7);
        String location = Oci.as(token).post("/v2/proto/chunks/blobs/uploads/").then().statusCode(202)
            .header("Range", "0-0").extract().header("Location");
        location = Oci.as(token).header("Content-Range", "0-999").body(Arrays.copyOfRange(blob, 0, 1000))
            .patch(location).then().statusCode(202).header("Range", "0-999").extract().header("Location");
        Oci.as(token).header("Content-Range", "2000-2999").body(Arrays.copyOfRange(blob, 2000, 3000))
            .patch(location).then().statusCode(416);
        location = Oci.as(token).header("Content-Range", "1000-1999").body(Arrays.copyOfRange(blob, 1000, 2000))
            .patch(location).then().statusCode(202).header("Range", "0-1999").extract().header("Location");
        Oci.as(token).get(location).then().statusCode(204).header("Range", "0-1999");
        Digest d = Digest.sha256(blob);
        Oci.as(token).body(Arrays.copyOfRange(blob, 2000, 3000)).put(location + "?digest=" + d).then()
            .statusCode(201).header("Location", "/v2/proto/chunks/blobs/" + d).header("Docker-Content-Digest",
                d.toString());
        assertThat(RestAssured.get("/v2/proto/chunks/blobs/" + d).asByteArray()).isEqualTo(blob);
        RestAssured.given().header("Range", "bytes=500-1499").get("/v2/proto/chunks/blobs/" + d).then()
            .statusCode(206).header("Content-Length", "1000").header("Content-Range", "bytes 500-1499/3000");
        RestAssured.head("/v2/proto/chunks/blobs/" + d).then().statusCode(200).header("Content-Length", "3000");
        // Another repository sees the blob only once it is mounted there.
        RestAssured.head("/v2/proto/other/blobs/" + d).then().statusCode(404);
        Oci.as(token).post("/v2/proto/other/blobs/uploads/?mount=" + d + "&from=proto/chunks").then()
            .statusCode(201);
        RestAssured.head("/v2/proto/other/blobs/" + d).then().statusCode(200);
        // A cancelled upload is gone.
        String cancelled = Oci.as(token).post("/v2/proto/chunks/blobs/uploads/").then().extract().header("Location");
        Oci.as(token).delete(cancelled).then().statusCode(204);
        Oci.as(token).get(cancelled).then().statusCode(404);
    }

    /** Sessions keep their chunks in the bucket, where any replica finds them, and remove them when they end. */
    @Test
    void uploadChunksLiveInTheBucketUntilTheUploadEnds() throws Exception {
        byte[] blob = "chunks in the bucket".getBytes(StandardCharsets.UTF_8);
        String location = Oci.as(token).post("/v2/proto/parts/blobs/uploads/").then().statusCode(202).extract()
            .header("Location");
        java.util.UUID id = java.util.UUID.fromString(location.substring(location.lastIndexOf('/') + 1)
            .replaceAll("\\?.*", ""));
        location = Oci.as(token).body(Arrays.copyOfRange(blob, 0, 6)).patch(location).then().statusCode(202)
            .extract().header("Location");
        try (var first = store.openPart(StorageKey.uploadPart(id, 0))) {
            assertThat(first.readAllBytes()).isEqualTo(Arrays.copyOfRange(blob, 0, 6));
        }
        Oci.as(token).body(Arrays.copyOfRange(blob, 6, blob.length)).put(location + "?digest=" + Digest.sha256(blob))
            .then().statusCode(201);
        for (int i = 0; i < 2; i++) {
            StorageKey part = StorageKey.uploadPart(id, i);
            assertThatThrownBy(() -> store.openPart(part).readAllBytes()).as("chunk " + i + " after the upload")
                .isInstanceOf(Exception.class);
        }
        assertThat(RestAssured.get("/v2/proto/parts/blobs/" + Digest.sha256(blob)).asByteArray()).isEqualTo(blob);
    }

    /** Each chunk is an object until the upload ends, so their number is bounded (5 in the tests). */
    @Test
    void anUploadOfTooManyChunksIsRefusedAndLeavesNothing() {
        String location = Oci.as(token).post("/v2/proto/many/blobs/uploads/").then().statusCode(202).extract()
            .header("Location");
        for (int i = 0; i < 5; i++) {
            location = Oci.as(token).body(new byte[] {(byte) i}).patch(location).then().statusCode(202)
                .extract().header("Location");
        }
        Oci.as(token).body(new byte[] {5}).patch(location).then().statusCode(413)
            .body("errors[0].message", org.hamcrest.Matchers.containsString("at most 5 chunks"));
        Oci.as(token).delete(location).then().statusCode(204);
        Oci.as(token).get(location).then().statusCode(404);
    }

    @Test
    void manifestsArePulledByTagVersionOrDigestWithTheirExactBytes() {
        PackageArtifact a = PackageArtifact.of(Fixtures.renamed("runqlat", "proto/runqlat", "1.2.3"));
        Oci.push(token, "proto/runqlat", "stable", a).then().statusCode(201)
            .header("Docker-Content-Digest", Digest.sha256(a.manifest()).toString());
        String digest = Digest.sha256(a.manifest()).toString();
        for (String ref : new String[] {"stable", "1.2.3", "latest", digest}) {
            byte[] got = RestAssured.get("/v2/proto/runqlat/manifests/" + ref).then().statusCode(200)
                .contentType("application/vnd.oci.image.manifest.v1+json").header("Docker-Content-Digest", digest)
                .extract().asByteArray();
            assertThat(got).isEqualTo(a.manifest());
        }
        // The second pull of each comes from memory (MemoryPulls): same bytes, same headers.
        for (int i = 0; i < 2; i++) {
            RestAssured.get("/v2/proto/runqlat/manifests/stable").then().statusCode(200)
                .header("ETag", "\"" + digest + "\"").header("Docker-Distribution-API-Version", "registry/2.0");
            byte[] layer = RestAssured.get("/v2/proto/runqlat/blobs/" + Digest.sha256(a.layer())).then()
                .statusCode(200).header("Docker-Content-Digest", Digest.sha256(a.layer()).toString())
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .contentType("application/octet-stream").extract().asByteArray();
            assertThat(layer).isEqualTo(a.layer());
        }
        RestAssured.head("/v2/proto/runqlat/manifests/stable").then().statusCode(200)
            .header("Content-Length", String.valueOf(a.manifest().length));
        // Pushing the same manifest again is harmless; versions are immutable otherwise.
        Oci.pushManifest(token, "proto/runqlat", "1.2.3", a.manifest()).then().statusCode(201);
        PackageArtifact other = PackageArtifact.of(Fixtures.renamed("sigsnoop", "proto/runqlat", "1.2.3"));
        Oci.push(token, "proto/runqlat", "1.2.3", other).then().statusCode(409);
        Oci.as(token).delete("/v2/proto/runqlat/manifests/" + digest).then().statusCode(405)
            .body("errors[0].code", equalTo("UNSUPPORTED"));
        RestAssured.get("/v2/proto/runqlat/manifests/9.9.9").then().statusCode(404)
            .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        RestAssured.get("/v2/proto/nothing/tags/list").then().statusCode(404)
            .body("errors[0].code", equalTo("NAME_UNKNOWN"));
        Oci.as(token).body("x").post("/v2/proto/runqlat/blobs/uploads/?digest=sha256:" + "a".repeat(64)).then()
            .statusCode(400);
    }

    @Test
    void referrersListAttachmentsAndFilterByArtifactType() {
        PackageArtifact a = PackageArtifact.of(Fixtures.renamed("runqlat", "proto/ref", "1.0.0"));
        Oci.push(token, "proto/ref", "1.0.0", a).then().statusCode(201);
        Digest subject = Digest.sha256(a.manifest());
        RestAssured.get("/v2/proto/ref/referrers/" + subject).then().statusCode(200)
            .contentType("application/vnd.oci.image.index.v1+json").body("manifests", hasSize(0));

        byte[] sig = "signature".getBytes(StandardCharsets.UTF_8);
        Oci.pushBlob(token, "proto/ref", sig).then().statusCode(201);
        String attachment = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactType\":\"application/vnd.example.signature\",\"config\":{\"mediaType\":"
            + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e"
            + "8310c060f61caaff8a\",\"size\":2},\"layers\":[{\"mediaType\":\"text/plain\",\"digest\":\""
            + Digest.sha256(sig) + "\",\"size\":" + sig.length + "}],\"subject\":{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject + "\",\"size\":"
            + a.manifest().length + "},\"annotations\":{\"signed-by\":\"test\"}}";
        byte[] bytes = attachment.getBytes(StandardCharsets.UTF_8);
        Oci.pushManifest(token, "proto/ref", "tagged", bytes).then().statusCode(400);
        Oci.pushManifest(token, "proto/ref", Digest.sha256(bytes).toString(), bytes).then().statusCode(201)
            .header("OCI-Subject", subject.toString());
        RestAssured.get("/v2/proto/ref/referrers/" + subject).then().statusCode(200)
            .body("manifests", hasSize(1)).body("manifests[0].artifactType", equalTo("application/vnd.example.signature"))
            .body("manifests[0].annotations.signed-by", equalTo("test"));
        RestAssured.get("/v2/proto/ref/referrers/" + subject + "?artifactType=application/other").then()
            .header("OCI-Filters-Applied", "artifactType").body("manifests", hasSize(0));
        // Not a package and no subject: refused.
        String loose = attachment.replaceAll(",\"subject\":\\{[^}]*\\}", "");
        Oci.pushManifest(token, "proto/ref", Digest.sha256(loose.getBytes(StandardCharsets.UTF_8)).toString(),
            loose.getBytes(StandardCharsets.UTF_8)).then().statusCode(400).body("errors[0].code",
            equalTo("MANIFEST_INVALID"));
    }
}
