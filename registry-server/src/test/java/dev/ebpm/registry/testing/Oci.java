package dev.ebpm.registry.testing;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Raw OCI Distribution requests, the way a client library makes them, with the token as Basic password. */
public final class Oci {
    private Oci() {
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().preemptive().basic("ebpm", token);
    }

    /** Single-request upload ({@code POST ?digest=}). */
    public static Response pushBlob(String token, String repo, byte[] blob) {
        return as(token).contentType("application/octet-stream").body(blob)
            .post("/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob));
    }

    public static Response pushManifest(String token, String repo, String reference, byte[] manifest) {
        return as(token).contentType("application/vnd.oci.image.manifest.v1+json").body(manifest)
            .put("/v2/" + repo + "/manifests/" + reference);
    }

    /** Pushes config and layer, then the manifest under {@code reference}. */
    public static Response push(String token, String repo, String reference, PackageArtifact a) {
        pushBlob(token, repo, a.config()).then().statusCode(201);
        pushBlob(token, repo, a.layer()).then().statusCode(201);
        return pushManifest(token, repo, reference, a.manifest());
    }
}
