package dev.ebpm.registry.api;

import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Builds;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import dev.ebpm.registry.testing.Sources;
import dev.ebpm.registry.testing.Tampered;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Text that enters the registry is bounded and free of NUL (U+0000, which PostgreSQL cannot store: every
 * path below answered 500 before), and malformed numbers, ranges, credentials and parameters are 4xx in
 * the error envelope.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class InputBoundsTest {
    private static final String NUL = "a\u0000b";

    private static ValidatableResponse refused(Response r, int status) {
        return r.then().statusCode(status).contentType("application/json").body("errors[0].code", notNullValue())
            .body("errors[0].message", notNullValue());
    }

    private static EbpmPackage pkg(String name) {
        return Fixtures.renamed("sigsnoop", name, "1.0.0");
    }

    private static Response putFile(String name, String type, byte[] body) {
        return Api.as(Api.publisher()).contentType(type).body(body)
            .put("/api/v1/packages/" + name + "/-/versions/1.0.0");
    }

    /** Each case sends a NUL one way; all must be a 400 and leave nothing behind. */
    record NulCase(String what, Function<String, Response> send, String code) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<NulCase> nulCases() {
        String json = "application/json";
        return Stream.of(
            new NulCase("description in an .ebpm", n -> putFile(n, "application/octet-stream",
                Tampered.ebpm(pkg(n), m -> m.put("description", NUL), null)), "PACKAGE_INVALID"),
            new NulCase("license in an .ebpm", n -> putFile(n, "application/octet-stream",
                Tampered.ebpm(pkg(n), m -> m.put("license", NUL), null)), "PACKAGE_INVALID"),
            new NulCase("keyword in an .ebpm", n -> putFile(n, "application/octet-stream",
                Tampered.ebpm(pkg(n), m -> m.putArray("keywords").add(NUL), null)), "PACKAGE_INVALID"),
            new NulCase("README in an .ebpm", n -> putFile(n, "application/octet-stream",
                Tampered.ebpm(pkg(n), m -> { }, "# readme\n" + NUL)), "PACKAGE_INVALID"),
            new NulCase("doc in a package.json", n -> putFile(n, json, eunomiaWithNul(n)), "PACKAGE_INVALID"),
            new NulCase("doc in a package.yaml", n -> putFile(n, "application/yaml",
                ("---\n" + new String(eunomiaWithNul(n), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)),
                "PACKAGE_INVALID"),
            new NulCase("description in an OCI config", n -> ociPush(n, Tampered.artifact(pkg(n),
                c -> c.put("description", NUL))), "MANIFEST_INVALID"),
            new NulCase("README in an OCI config", n -> ociPush(n, Tampered.artifact(pkg(n),
                c -> c.put("readme", NUL))), "MANIFEST_INVALID"),
            new NulCase("README in a built package", InputBoundsTest::builtWithNul, "PACKAGE_INVALID"),
            new NulCase("yank reason", n -> {
                String token = Api.publisher();
                Api.publish(token, pkg(n)).then().statusCode(201);
                return Api.as(token).contentType(json).body("{\"reason\":\"a\\u0000b\"}")
                    .put("/api/v1/packages/" + n + "/-/versions/1.0.0/yank");
            }, "BAD_REQUEST"),
            new NulCase("removal reason", n -> {
                Api.publish(Api.publisher(), pkg(n)).then().statusCode(201);
                return Api.as(Api.ADMIN).contentType(json).body("{\"reason\":\"a\\u0000b\"}")
                    .delete("/api/v1/packages/" + n + "/-/versions/1.0.0");
            }, "BAD_REQUEST"),
            new NulCase("token name", n -> Api.as(Api.ADMIN).contentType(json)
                .body("{\"name\":\"a\\u0000b\",\"scopes\":[\"publish:" + n + "\"]}").post("/api/v1/tokens"),
                "BAD_REQUEST"),
            new NulCase("referrers artifactType", n -> RestAssured.given().urlEncodingEnabled(false)
                .get("/v2/" + n + "/referrers/sha256:" + "a".repeat(64) + "?artifactType=%00"), "BAD_REQUEST"),
            new NulCase("package name in the path", n -> RestAssured.given().urlEncodingEnabled(false)
                .get("/api/v1/packages/" + n + "%00"), "BAD_REQUEST"),
            new NulCase("search query", n -> RestAssured.given().urlEncodingEnabled(false)
                .get("/api/v1/search?q=%00"), "BAD_REQUEST"));
    }

    private static byte[] eunomiaWithNul(String name) {
        String json = new String(EunomiaPackageCodec.writeJson(pkg(name).toEunomia()), StandardCharsets.UTF_8);
        String edited = json.replaceFirst("\"obj_name\":\"", "\"obj_name\":\"\\\\u0000");
        if (edited.equals(json)) {
            throw new IllegalStateException("no obj_name in " + json);
        }
        return edited.getBytes(StandardCharsets.UTF_8);
    }

    private static Response ociPush(String name, PackageArtifact a) {
        String token = Api.publisher();
        Oci.pushBlob(token, name, a.config()).then().statusCode(201);
        Oci.pushBlob(token, name, a.layer()).then().statusCode(201);
        return Oci.pushManifest(token, name, "1.0.0", a.manifest());
    }

    private static Response builtWithNul(String name) {
        Builds builds = Builds.withFreshTokens();
        String id = builds.submit(name, "1.0.0", Sources.example("sigsnoop"));
        String lease = (String) builds.leaseOf(id).get("lease");
        return Api.as(builds.worker()).header("Ebpm-Lease", lease)
            .body(Tampered.ebpm(pkg(name), m -> { }, NUL)).post("/api/v1/worker/builds/" + id + "/success");
    }

    @ParameterizedTest(name = "NUL in {0}")
    @MethodSource("nulCases")
    void aNulCharacterIsA400(NulCase c) {
        String name = "nul/" + c.what().replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
        refused(c.send().apply(name), 400).body("errors[0].code", equalTo(c.code()))
            .body("errors[0].message", containsString("NUL"));
        if (!c.what().contains("reason")) {
            RestAssured.get("/api/v1/packages/" + name).then().statusCode(404);
        }
    }

    @Test
    void freeTextIsBounded() {
        String name = "bounds/yank";
        String token = Api.publisher();
        Api.publish(token, pkg(name)).then().statusCode(201);
        refused(Api.as(token).contentType("application/json").body(Map.of("reason", "x".repeat(1001)))
            .put("/api/v1/packages/" + name + "/-/versions/1.0.0/yank"), 400)
            .body("errors[0].message", containsString("at most 1000"));
        Api.as(token).contentType("application/json").body(Map.of("reason", "x".repeat(1000)))
            .put("/api/v1/packages/" + name + "/-/versions/1.0.0/yank").then().statusCode(200);
        refused(Api.as(Api.ADMIN).contentType("application/json")
            .body(Map.of("name", "n".repeat(101), "scopes", List.of("admin"))).post("/api/v1/tokens"), 400);
        refused(Api.as(Api.ADMIN).contentType("application/json")
            .body(Map.of("name", "   ", "scopes", List.of("admin"))).post("/api/v1/tokens"), 400);
        refused(Api.as(Api.token("worker", "worker")).post("/api/v1/worker/lease?worker=" + "w".repeat(201)), 400);
        refused(RestAssured.get("/api/v1/search?q=" + "q".repeat(257)), 400);
        refused(RestAssured.get("/v2/" + name + "/referrers/sha256:" + "a".repeat(64) + "?artifactType="
            + "t".repeat(256)), 400);
    }

    @Test
    void malformedValuesAreClientErrors() {
        refused(Api.as(Api.ADMIN).contentType("application/json").body("{\"name\":\"x\",\"scopes\":[null]}")
            .post("/api/v1/tokens"), 400);
        String token = Api.publisher();
        String location = Oci.as(token).post("/v2/bounds/range/blobs/uploads/").then().statusCode(202).extract()
            .header("Location");
        refused(Oci.as(token).header("Content-Range", "99999999999999999999-1").body(new byte[1]).patch(location), 400)
            .body("errors[0].code", equalTo("BLOB_UPLOAD_INVALID"));
        refused(Oci.as(token).header("Content-Range", "5-1").body(new byte[1]).patch(location), 400);
        refused(Oci.as(token).header("Content-Range", "0-9").body(new byte[3]).patch(location), 400);
        refused(Oci.as(token).header("Content-Range", "7-7").body(new byte[1]).patch(location), 416);
        Oci.as(token).header("Content-Range", "0-0").body(new byte[1]).patch(location).then().statusCode(202);
    }

    @Test
    void malformedBasicCredentialsAreChallenged() {
        for (String header : List.of("Basic !!!not-base64", "Basic " + java.util.Base64.getEncoder()
            .encodeToString("user-without-password".getBytes(StandardCharsets.UTF_8)), "Basic", "Token abc")) {
            refused(RestAssured.given().header("Authorization", header).get("/v2/"), 401)
                .header("WWW-Authenticate", "Basic realm=\"ebpm\"");
        }
    }

    @Test
    void pagingParametersMustBeNumbers() {
        for (String path : List.of("/api/v1/packages?page=x", "/api/v1/packages?per_page=ten",
            "/api/v1/search?q=a&page=1.5", "/api/v1/search?q=a&per_page=99999999999", "/v2/bounds/yank/tags/list?n=abc")) {
            refused(RestAssured.get(path), 400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        RestAssured.given().accept("text/html").get("/search?q=a&page=x").then().statusCode(400)
            .contentType("text/html");
    }

    @Test
    void typedParametersSayWhichKindOfValueWasWrong() {
        refused(RestAssured.get("/api/v1/packages/Bad_Name"), 400).body("errors[0].code", equalTo("NAME_INVALID"));
        refused(RestAssured.get("/v2/Bad_Name/manifests/latest"), 400).body("errors[0].code", equalTo("NAME_INVALID"));
        refused(RestAssured.get("/api/v1/packages/x/-/versions/-bad-/package.ebpm"), 400)
            .body("errors[0].code", equalTo("TAG_INVALID"));
        refused(RestAssured.get("/v2/x/manifests/sha256:nothex"), 400).body("errors[0].code",
            equalTo("DIGEST_INVALID"));
        refused(Api.as(Api.publisher()).body(new byte[1]).put("/api/v1/packages/x/-/versions/1.0"), 400)
            .body("errors[0].code", equalTo("VERSION_INVALID"));
        refused(Api.as(Api.publisher()).contentType("application/json").body(Map.of("version", "1.0.0"))
            .put("/api/v1/packages/x/-/tags/1.0.0"), 400).body("errors[0].code", equalTo("TAG_INVALID"));
    }
}
