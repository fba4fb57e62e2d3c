package dev.ebpm.registry.api;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ebpm.registry.testing.Api.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class TagsYankSearchTest {
    @Test
    void latestFollowsTheHighestReleaseAndSkipsYankedVersions() {
        String token = Api.publisher();
        for (String v : List.of("1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1")) {
            publish(token, Fixtures.renamed("runqlat", "yank/runqlat", v)).then().statusCode(201);
        }
        RestAssured.get("/api/v1/packages/yank/runqlat").then().body("latest", equalTo("1.10.0"))
            .body("versions.version", equalTo(List.of("2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0")));

        Api.as(token).contentType("application/json").body(Map.of("reason", "miscounts"))
            .put("/api/v1/packages/yank/runqlat/-/versions/1.10.0/yank").then().statusCode(200)
            .body("yanked", equalTo(true)).body("yankedReason", equalTo("miscounts"));
        RestAssured.get("/api/v1/packages/yank/runqlat/-/versions/latest").then().body("version", equalTo("1.2.0"));
        // Pinned references still resolve a yanked version: its bytes stay.
        RestAssured.get("/api/v1/packages/yank/runqlat/-/versions/1.10.0/package.ebpm").then().statusCode(200);
        RestAssured.get("/v2/yank/runqlat/manifests/1.10.0").then().statusCode(200);

        Api.as(token).delete("/api/v1/packages/yank/runqlat/-/versions/1.10.0/yank").then().statusCode(200)
            .body("yanked", equalTo(false)).body("yankedReason", nullValue());
        RestAssured.get("/api/v1/packages/yank/runqlat/-/versions/latest").then().body("version", equalTo("1.10.0"));
    }

    @Test
    void tagsMoveAndAnExplicitLatestWins() {
        String token = Api.publisher();
        publish(token, Fixtures.renamed("runqlat", "tags/runqlat", "1.0.0"), "stable").then().statusCode(201);
        publish(token, Fixtures.renamed("runqlat", "tags/runqlat", "1.1.0")).then().statusCode(201);
        assertThat(RestAssured.get("/api/v1/packages/tags/runqlat/-/tags").<Map<String, String>>as(Map.class))
            .containsEntry("stable", "1.0.0").containsEntry("latest", "1.1.0");

        Api.as(token).contentType("application/json").body(Map.of("version", "1.0.0"))
            .put("/api/v1/packages/tags/runqlat/-/tags/latest").then().statusCode(200)
            .body("latest", equalTo("1.0.0"));
        RestAssured.get("/v2/tags/runqlat/manifests/latest").then().statusCode(200);
        RestAssured.get("/api/v1/packages/tags/runqlat/-/versions/latest").then().body("version", equalTo("1.0.0"));
        Api.as(token).delete("/api/v1/packages/tags/runqlat/-/tags/latest").then().statusCode(200)
            .body("latest", equalTo("1.1.0"));

        Api.as(token).contentType("application/json").body(Map.of("version", "1.1.0"))
            .put("/api/v1/packages/tags/runqlat/-/tags/2.0.0").then().statusCode(400)
            .body("errors[0].code", equalTo("TAG_INVALID"));
        RestAssured.get("/v2/tags/runqlat/tags/list").then().statusCode(200)
            .body("tags", equalTo(List.of("1.0.0", "1.1.0", "latest", "stable")));
        RestAssured.get("/v2/tags/runqlat/tags/list?n=2").then().statusCode(200)
            .header("Link", "</v2/tags/runqlat/tags/list?n=2&last=1.1.0>; rel=\"next\"")
            .body("tags", equalTo(List.of("1.0.0", "1.1.0")));
        RestAssured.get("/v2/tags/runqlat/tags/list?n=2&last=1.1.0").then()
            .body("tags", equalTo(List.of("latest", "stable")));
    }

    @Test
    void searchRanksByNameDescriptionAndKeywords() {
        String token = Api.publisher();
        for (String example : Fixtures.examples()) {
            publish(token, Fixtures.renamed(example, "search/" + example, "1.0.0")).then().statusCode(201);
        }
        List<String> signal = RestAssured.get("/api/v1/search?q=signal").path("results.name");
        // Other test classes publish sigsnoop under other names into the same database: rank this class's own.
        assertThat(signal.stream().filter(n -> n.startsWith("search/")).findFirst()).contains("search/sigsnoop");
        List<String> tcp = RestAssured.get("/api/v1/search?q=tcp").path("results.name");
        assertThat(tcp).contains("search/tcpstates");
        assertThat(RestAssured.get("/api/v1/search?q=opensn").<List<String>>path("results.name"))
            .contains("search/opensnoop");
        RestAssured.get("/api/v1/search?q=zzzznothing").then().statusCode(200).body("total", equalTo(0));
        RestAssured.get("/api/v1/search?q=search&per_page=2&page=2").then().statusCode(200)
            .body("page", equalTo(2)).body("results.size()", equalTo(2));
        RestAssured.get("/api/v1/search?q=x&per_page=1000").then().statusCode(400);
    }
}
