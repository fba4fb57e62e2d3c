package dev.ebpm.registry.ops;

import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What operators rely on: health with the object store, Prometheus metrics, the OpenAPI document. */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {
    @Test
    void healthMetricsAndOpenApi() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
            .body(containsString("object storage")).body(containsString("Database connections health check"));
        RestAssured.get("/api/v1/packages/none-such").then().statusCode(404);
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
        RestAssured.get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/packages/"))
            .body(containsString("/v2/"));
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
        RestAssured.get("/no/such/page").then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
    }
}
