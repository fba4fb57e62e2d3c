package dev.ebpm.registry.api;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.registry.storage.ObjectStore;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * An admin takes a version down: every read of it answers 410 with when and why, its tags go, its blobs
 * are no longer served (not from memory either), its bytes are deleted unless another version needs them,
 * and its number is never used again.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class RemovalTest {
    @Inject
    ObjectStore store;

    private static ValidatableResponse remove(String token, String name, String version, Object body) {
        return Api.as(token).contentType("application/json").body(body)
            .delete("/api/v1/packages/" + name + "/-/versions/" + version).then();
    }

    private static void gone(ValidatableResponse r, String message) {
        r.statusCode(410).contentType("application/json").body("errors[0].code", equalTo("VERSION_REMOVED"))
            .body("errors[0].message", equalTo(message));
    }

    @Test
    void aRemovedVersionIsGoneEverywhereAndItsNumberStaysTaken() {
        String token = Api.publisher();
        String name = "removal/runqlat";
        EbpmPackage old = Fixtures.renamed("runqlat", name, "1.0.0");
        EbpmPackage bad = Fixtures.renamed("sigsnoop", name, "1.1.0");
        Api.publish(token, old).then().statusCode(201);
        Api.publish(token, bad, "stable").then().statusCode(201);
        Api.publish(token, Fixtures.renamed("sigsnoop", "removal/same-program", "1.0.0")).then().statusCode(201);
        PackageArtifact a = PackageArtifact.of(bad);
        String manifest = Digest.sha256(a.manifest()).toString();
        String config = Digest.sha256(a.config()).toString();
        String layer = Digest.sha256(a.layer()).toString();
        String packageFile = RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.1.0")
            .path("digests.packageFile");
        // Pulled warm: the second pulls come from memory (MemoryPulls).
        for (int i = 0; i < 2; i++) {
            RestAssured.get("/v2/" + name + "/manifests/1.1.0").then().statusCode(200);
            RestAssured.get("/v2/" + name + "/manifests/" + manifest).then().statusCode(200);
            RestAssured.get("/v2/" + name + "/manifests/stable").then().statusCode(200);
            RestAssured.get("/v2/" + name + "/blobs/" + layer).then().statusCode(200);
            RestAssured.get("/v2/" + name + "/blobs/" + config).then().statusCode(200);
        }

        remove(token, name, "1.1.0", Map.of("reason", "steals ssh keys")).statusCode(403);
        remove(Api.ADMIN, name, "9.9.9", Map.of("reason", "x")).statusCode(404)
            .body("errors[0].code", equalTo("VERSION_UNKNOWN"));
        remove(Api.ADMIN, name, "1.1.0", Map.of()).statusCode(400);
        remove(Api.ADMIN, name, "1.1.0", Map.of("reason", "x".repeat(1001))).statusCode(400);

        Map<String, Object> record = remove(Api.ADMIN, name, "1.1.0", Map.of("reason", "steals ssh keys"))
            .statusCode(200).body("name", equalTo(name)).body("version", equalTo("1.1.0"))
            .body("manifestDigest", equalTo(manifest)).body("removedBy", equalTo("bootstrap admin"))
            .body("reason", equalTo("steals ssh keys")).body("removedAt", notNullValue()).extract().as(Map.class);
        assertThat(remove(Api.ADMIN, name, "1.1.0", Map.of("reason", "another reason")).statusCode(200).extract()
            .as(Map.class)).isEqualTo(record);
        List<Map<String, Object>> all = Api.as(Api.ADMIN).get("/api/v1/removals").then().statusCode(200).extract()
            .jsonPath().getList("$");
        assertThat(all).contains(record);
        List<String> times = all.stream().map(r -> (String) r.get("removedAt")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.<String>naturalOrder().reversed());
        Api.as(token).get("/api/v1/removals").then().statusCode(403);

        String message = name + "@1.1.0 was removed from this registry on " + LocalDate.now(ZoneOffset.UTC)
            + ": steals ssh keys";
        gone(RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.1.0").then(), message);
        gone(RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.1.0/package.ebpm").then(), message);
        gone(RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.1.0/package.json").then(), message);
        gone(RestAssured.get("/v2/" + name + "/manifests/1.1.0").then(), message);
        gone(RestAssured.get("/v2/" + name + "/manifests/" + manifest).then(), message);
        RestAssured.head("/v2/" + name + "/manifests/1.1.0").then().statusCode(410).body(emptyString());
        RestAssured.head("/v2/" + name + "/manifests/" + manifest).then().statusCode(410);
        gone(RestAssured.get("/v2/" + name + "/referrers/" + manifest).then(), message);
        // The tag went with it, latest is computed without it, and its blobs are not served, from memory or not.
        RestAssured.get("/v2/" + name + "/manifests/stable").then().statusCode(404);
        for (String blob : List.of(layer, config)) {
            RestAssured.get("/v2/" + name + "/blobs/" + blob).then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
            RestAssured.head("/v2/" + name + "/blobs/" + blob).then().statusCode(404);
        }
        // Config and package file were this version's alone: deleted. The layer (sigsnoop's program) is
        // removal/same-program's too, so its bytes stay, but this repository no longer serves it.
        RestAssured.get("/api/v1/blobs/" + packageFile).then().statusCode(404);
        RestAssured.get("/api/v1/blobs/" + config).then().statusCode(404);
        assertThat(store.exists(Digest.parse(config))).isFalse();
        assertThat(store.exists(Digest.parse(packageFile))).isFalse();
        assertThat(store.exists(Digest.parse(layer))).isTrue();
        RestAssured.get("/api/v1/packages/" + name).then().statusCode(200).body("latest", equalTo("1.0.0"))
            .body("tags.stable", nullValue())
            .body("versions.find { it.version == '1.1.0' }.removed", equalTo(true))
            .body("versions.find { it.version == '1.1.0' }.digest", nullValue())
            .body("versions.find { it.version == '1.0.0' }.removed", equalTo(false));
        RestAssured.get("/v2/" + name + "/tags/list").then().body("tags", equalTo(List.of("1.0.0", "latest")));

        // The number is burned: REST, OCI and builds all refuse it.
        Api.publish(token, bad).then().statusCode(409).body("errors[0].code", equalTo("VERSION_EXISTS"))
            .body("errors[0].message", containsString("never reused"));
        Oci.push(token, name, "1.1.0", a).then().statusCode(409).body("errors[0].message",
            containsString("never reused"));
        Api.as(token).contentType("application/gzip").body(Sources.example("sigsnoop")).queryParam("name", name)
            .queryParam("version", "1.1.0").post("/api/v1/builds").then().statusCode(409)
            .body("errors[0].message", containsString("never reused"));

        // The catalog marks it, and asking for it shows the 410 page.
        String page = RestAssured.given().accept("text/html").get("/packages/" + name).then().statusCode(200)
            .extract().asString();
        assertThat(page).contains("is-removed").contains("removed");
        // A blank ?version= (an empty form field) is the latest, as before.
        RestAssured.given().accept("text/html").get("/packages/" + name + "?version=").then().statusCode(200);
        RestAssured.given().accept("text/html").get("/packages/" + name + "?version=1.1.0").then().statusCode(410)
            .contentType("text/html").body(containsString("steals ssh keys"));
    }

    @Test
    void blobsAnotherVersionNeedsStay() {
        String token = Api.publisher();
        // The same program under two names: the layer is shared, each package its own config.
        EbpmPackage first = Fixtures.renamed("opensnoop", "removal/shared-a", "1.0.0");
        EbpmPackage second = Fixtures.renamed("opensnoop", "removal/shared-b", "1.0.0");
        Api.publish(token, first).then().statusCode(201);
        Api.publish(token, second).then().statusCode(201);
        String layer = Digest.sha256(PackageArtifact.of(first).layer()).toString();
        remove(Api.ADMIN, "removal/shared-a", "1.0.0", Map.of("reason", "duplicate")).statusCode(200);
        RestAssured.get("/v2/removal/shared-a/blobs/" + layer).then().statusCode(404);
        RestAssured.get("/v2/removal/shared-b/blobs/" + layer).then().statusCode(200);
        assertThat(store.exists(Digest.parse(layer))).isTrue();
        RestAssured.get("/api/v1/packages/removal/shared-b/-/versions/1.0.0/package.ebpm").then().statusCode(200);
    }

    @Test
    void identicalSourcesDoNotReviveARemovedBuild() {
        Builds builds = Builds.withFreshTokens();
        byte[] sources = Sources.example("bashreadline");
        String id = builds.submit("removal/built", "1.0.0", sources);
        String lease = (String) builds.leaseOf(id).get("lease");
        Api.as(builds.worker()).header("Ebpm-Lease", lease)
            .body(Fixtures.file(Fixtures.renamed("bashreadline", "removal/built", "1.0.0")))
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200);
        remove(Api.ADMIN, "removal/built", "1.0.0", Map.of("reason", "malware")).statusCode(200);
        // The removed program is not reused for the same sources: the new build waits for a worker.
        Api.as(builds.publisher()).contentType("application/gzip").body(sources).queryParam("name", "removal/again")
            .queryParam("version", "1.0.0").post("/api/v1/builds").then().statusCode(202)
            .body("state", equalTo("queued")).body("log", not(containsString("identical sources")));
    }

    @Test
    void aMatchingIfNoneMatchOnAManifestIs304() {
        String token = Api.publisher();
        EbpmPackage pkg = Fixtures.renamed("runqlat", "removal/etag", "1.0.0");
        Api.publish(token, pkg).then().statusCode(201);
        String digest = Digest.sha256(PackageArtifact.of(pkg).manifest()).toString();
        RestAssured.given().header("If-None-Match", "\"" + digest + "\"").get("/v2/removal/etag/manifests/latest")
            .then().statusCode(304).header("ETag", "\"" + digest + "\"");
        RestAssured.given().header("If-None-Match", "\"sha256:other\"").get("/v2/removal/etag/manifests/1.0.0")
            .then().statusCode(200);
    }
}
