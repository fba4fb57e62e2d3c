package dev.ebpm.registry.api;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ebpm.registry.testing.Api.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class TokensTest {
    @Test
    void writesNeedAToken() {
        RestAssured.given().body(Fixtures.file(Fixtures.renamed("sigsnoop", "auth-none", "1.0.0")))
            .put("/api/v1/packages/auth-none/-/versions/1.0.0").then().statusCode(401)
            .header("WWW-Authenticate", startsWith("Bearer")).body("errors[0].code", equalTo("UNAUTHORIZED"));
        publish("ebpm_not_a_real_token_at_all_000000000", Fixtures.renamed("sigsnoop", "auth-bad", "1.0.0"))
            .then().statusCode(401).body("errors[0].message", equalTo("the token is not valid"));
        RestAssured.get("/api/v1/packages/auth-none").then().statusCode(404);
    }

    @Test
    void scopesLimitWhatATokenMayWrite() {
        String tools = Api.token("tools only", "publish:tools/*");
        publish(tools, Fixtures.renamed("sigsnoop", "tools/sigsnoop", "1.0.0")).then().statusCode(201);
        publish(tools, Fixtures.renamed("sigsnoop", "other/sigsnoop", "1.0.0")).then().statusCode(403)
            .body("errors[0].code", equalTo("DENIED"));
        Api.as(tools).put("/api/v1/packages/tools/sigsnoop/-/versions/1.0.0/yank").then().statusCode(403);
        Api.as(tools).get("/api/v1/tokens").then().statusCode(403);
        Api.as(tools).get("/api/v1/tokens/me").then().statusCode(200).body("scopes", equalTo(List.of("publish:tools/*")));

        String yanker = Api.token("yanker", "yank:tools/*");
        Api.as(yanker).put("/api/v1/packages/tools/sigsnoop/-/versions/1.0.0/yank").then().statusCode(200);
        publish(yanker, Fixtures.renamed("sigsnoop", "tools/sigsnoop", "1.0.1")).then().statusCode(403);
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() {
        Map<String, Object> created = Api.as(Api.ADMIN).contentType("application/json")
            .body(Map.of("name", "ci", "scopes", List.of("publish:ci-*"), "expiresInDays", 30))
            .post("/api/v1/tokens").then().statusCode(201).extract().as(Map.class);
        String secret = (String) created.get("token");
        assertThat(secret).startsWith("ebpm_").hasSize(45);
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) created.get("info");
        assertThat((String) info.get("hint")).isEqualTo(secret.substring(0, 9) + "…");
        assertThat(Api.as(Api.ADMIN).get("/api/v1/tokens").asString()).doesNotContain(secret);

        publish(secret, Fixtures.renamed("sigsnoop", "ci-sigsnoop", "1.0.0")).then().statusCode(201);
        Api.as(Api.ADMIN).delete("/api/v1/tokens/" + info.get("id")).then().statusCode(200)
            .body("revoked", equalTo(true));
        publish(secret, Fixtures.renamed("sigsnoop", "ci-sigsnoop", "1.0.1")).then().statusCode(401)
            .body("errors[0].message", startsWith("the token ebpm_"));

        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("name", "x", "scopes", List.of("root")))
            .post("/api/v1/tokens").then().statusCode(400).body("errors[0].message", startsWith("invalid scope"));
    }

    @ConfigProperty(name = "ebpm.rate-limit.publish.burst")
    int burst;

    @Test
    void writesBeyondTheBurstAreRateLimited() {
        String token = Api.token("busy", "publish:busy/*");
        for (int i = 0; i < burst; i++) {
            publish(token, Fixtures.renamed("sigsnoop", "busy/sigsnoop", "1.0." + i)).then().statusCode(201);
        }
        publish(token, Fixtures.renamed("sigsnoop", "busy/sigsnoop", "1.0." + burst)).then().statusCode(429)
            .header("Retry-After", Integer::parseInt, org.hamcrest.Matchers.greaterThan(0))
            .body("errors[0].code", equalTo("TOOMANYREQUESTS"));
        // Other tokens are not affected.
        publish(Api.publisher(), Fixtures.renamed("sigsnoop", "busy/sigsnoop", "2.0.0")).then().statusCode(201);
    }
}
