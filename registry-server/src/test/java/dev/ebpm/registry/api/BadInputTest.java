package dev.ebpm.registry.api;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/** Bad input is always a 4xx with the JSON error envelope, and leaves nothing visible behind. */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {
    private String token;

    @org.junit.jupiter.api.BeforeEach
    void token() {
        token = Api.publisher();
    }

    private static ValidatableResponse clientError(ValidatableResponse r) {
        return r.statusCode(greaterThanOrEqualTo(400)).statusCode(lessThan(500))
            .contentType("application/json").body("errors[0].code", notNullValue())
            .body("errors[0].message", notNullValue());
    }

    private ValidatableResponse put(String name, String version, String type, byte[] body) {
        return Api.as(token).contentType(type).body(body).put("/api/v1/packages/" + name + "/-/versions/" + version)
            .then();
    }

    private static void nothingPublished(String name) {
        RestAssured.get("/api/v1/packages/" + name).then().statusCode(404);
        RestAssured.get("/v2/" + name + "/manifests/latest").then().statusCode(404);
    }

    @Test
    void malformedJsonAndPackages() {
        clientError(put("bad-json", "1.0.0", "application/json", "{\"bpf_object\": ".getBytes()))
            .statusCode(400).body("errors[0].code", equalTo("PACKAGE_INVALID"));
        clientError(put("bad-json", "1.0.0", "application/octet-stream", "garbage".getBytes())).statusCode(400);
        clientError(Api.as(Api.ADMIN).contentType("application/json").body("{\"name\": [").post("/api/v1/tokens")
            .then()).statusCode(400);
        clientError(Api.as(token).contentType("application/json").body("[1,2")
            .put("/api/v1/packages/bad-json/-/tags/stable").then());
        byte[] good = Fixtures.file(Fixtures.renamed("sigsnoop", "bad-json", "1.0.0"));
        clientError(put("bad-json", "1.0.0", "application/octet-stream", Arrays.copyOf(good, good.length / 2)))
            .statusCode(400);
        nothingPublished("bad-json");
    }

    @Test
    void namesVersionsAndTraversal() {
        byte[] file = Fixtures.file(Fixtures.renamed("sigsnoop", "good-name", "1.0.0"));
        clientError(put("good-name", "1.0", "application/octet-stream", file)).statusCode(400)
            .body("errors[0].code", equalTo("VERSION_INVALID"));
        clientError(put("good-name", "2.0.0", "application/octet-stream", file)).statusCode(400)
            .body("errors[0].message", equalTo("the package is version 1.0.0, not 2.0.0"));
        clientError(put("Bad_Name", "1.0.0", "application/octet-stream", file)).statusCode(400)
            .body("errors[0].code", equalTo("NAME_INVALID"));
        for (String path : List.of("/api/v1/packages/%2e%2e/x", "/api/v1/packages/..%2Fetc", "/v2/%2e%2e/x/tags/list",
            "/v2/a/%2e%2e/manifests/latest", "/api/v1/packages/..", "/v2/../../etc/passwd/blobs/sha256:00",
            "/api/v1/blobs/..%2F..%2Fetc%2Fpasswd", "/v2/x/blobs/sha256:baddigest", "/v2/x/manifests/sha256:bad")) {
            clientError(RestAssured.given().urlEncodingEnabled(false).get(path).then());
        }
        nothingPublished("good-name");
    }

    @Test
    void oversizedBodies() {
        byte[] big = new byte[3 << 20];
        clientError(put("too-big", "1.0.0", "application/octet-stream", big)).statusCode(413);
        clientError(Oci.pushManifest(token, "too-big", "1.0.0", new byte[(4 << 20) + 1]).then()).statusCode(413);
        nothingPublished("too-big");
    }

    @Test
    void decompressionBombsAreRefusedBeforeInflating() throws IOException {
        EbpmPackage real = Fixtures.renamed("sigsnoop", "bomb", "1.0.0");
        byte[] huge = new byte[40 << 20];
        EbpmPackage zstdBomb = new EbpmPackage(real.info(), real.meta(), huge, null);
        clientError(put("bomb", "1.0.0", "application/octet-stream", EbpmPackageCodec.write(zstdBomb)))
            .statusCode(413);

        Deflater d = new Deflater(9);
        d.setInput(huge);
        d.finish();
        byte[] zlib = new byte[1 << 20];
        int n = d.deflate(zlib);
        String b64 = Base64.getEncoder().encodeToString(Arrays.copyOf(zlib, n));
        String meta = new String(real.meta().toCanonicalJson(), StandardCharsets.UTF_8);
        clientError(put("bomb", "1.0.0", "application/json", ("{\"bpf_object\":\"" + b64 + "\",\"bpf_object_size\":"
            + huge.length + ",\"meta\":" + meta + "}").getBytes())).statusCode(413);
        clientError(put("bomb", "1.0.0", "application/json", ("{\"bpf_object\":\"" + b64
            + "\",\"bpf_object_size\":1000,\"meta\":" + meta + "}").getBytes())).statusCode(400);

        // Over OCI: the config claims a small object, the layer inflates to 40 MiB.
        PackageArtifact lying = PackageArtifact.of(real, EbpmPackageCodec.compressObject(huge));
        clientError(Oci.push(token, "bomb", "1.0.0", lying).then()).statusCode(400)
            .body("errors[0].code", equalTo("MANIFEST_INVALID"));
        nothingPublished("bomb");
    }

    @Test
    void packagesWithLinksOrStrayEntriesAreRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry link = new TarArchiveEntry("manifest.json", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        clientError(put("linked", "1.0.0", "application/octet-stream", out.toByteArray())).statusCode(400);
        nothingPublished("linked");
    }

    @Test
    void wrongDigestsAndTruncatedUploads() {
        byte[] blob = "some bytes".getBytes();
        clientError(Oci.as(token).body(blob).post("/v2/digests/blobs/uploads/?digest=sha256:"
            + "0".repeat(64)).then()).statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        clientError(Oci.as(token).body(blob).post("/v2/digests/blobs/uploads/?digest=md5:abc").then())
            .statusCode(400);
        String location = Oci.as(token).post("/v2/digests/blobs/uploads/").then().statusCode(202).extract()
            .header("Location");
        Oci.as(token).header("Content-Range", "0-4").body(Arrays.copyOf(blob, 5)).patch(location).then()
            .statusCode(202).header("Range", "0-4");
        // The client stops after 5 of 10 bytes and claims the whole blob's digest.
        clientError(Oci.as(token).put(location + "?digest=" + Digest.sha256(blob)).then())
            .statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        RestAssured.head("/v2/digests/blobs/" + Digest.sha256(blob)).then().statusCode(404);
        clientError(Oci.as(token).get(location).then()).statusCode(404)
            .body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));

        PackageArtifact a = PackageArtifact.of(Fixtures.renamed("sigsnoop", "digests", "1.0.0"));
        clientError(Oci.pushManifest(token, "digests", "1.0.0", a.manifest()).then()).statusCode(400)
            .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
        Oci.pushBlob(token, "digests", a.config()).then().statusCode(201);
        Oci.pushBlob(token, "digests", a.layer()).then().statusCode(201);
        clientError(Oci.pushManifest(token, "digests", "sha256:" + "1".repeat(64), a.manifest()).then())
            .statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        clientError(Oci.pushManifest(token, "digests", "2.0.0", a.manifest()).then()).statusCode(400)
            .body("errors[0].code", equalTo("MANIFEST_INVALID"));
        clientError(Oci.pushManifest(token, "digests", "1.0.0", "{\"schemaVersion\":2".getBytes()).then())
            .statusCode(400).body("errors[0].code", anyOf(equalTo("MANIFEST_INVALID")));
        nothingPublished("digests");
        // The blobs themselves were pushed and verified; only a manifest makes a version.
        RestAssured.head("/v2/digests/blobs/" + Digest.sha256(a.config())).then().statusCode(200);
    }
}
