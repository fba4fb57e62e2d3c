package dev.ebpm.registry.ops;

import dev.ebpm.registry.testing.PostgresProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * PostgreSQL goes away under a running registry: database-backed requests answer 503 UNAVAILABLE with
 * Retry-After (as an object-store outage does), not a 500; when it is back, they answer again.
 */
@QuarkusTest
@TestProfile(PostgresOutageTest.Outage.class)
@WithTestResource(PostgresProxy.class)
class PostgresOutageTest {
    /** Its own profile: the datasource goes through the proxy, and waits for a connection only briefly. */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "3s");
        }
    }

    /** Cuts (false) and restores (true) the database connection; injected by {@link PostgresProxy}. */
    Consumer<Boolean> postgres;

    private static Response packages() {
        return RestAssured.get("/api/v1/packages");
    }

    @Test
    void anOutageIsA503UntilTheDatabaseIsBack() throws InterruptedException {
        packages().then().statusCode(200);
        postgres.accept(false);
        try {
            for (String path : new String[] {"/api/v1/packages", "/api/v1/packages/outage/none",
                "/v2/outage/none/tags/list"}) {
                RestAssured.get(path).then().statusCode(503).header("Retry-After", notNullValue())
                    .contentType("application/json").body("errors[0].code", equalTo("UNAVAILABLE"))
                    .body("errors[0].message", equalTo("the database is unavailable, try again later"));
            }
        } finally {
            postgres.accept(true);
        }
        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
            status = packages().statusCode();
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        assertThat(status).isEqualTo(200);
        RestAssured.get("/api/v1/packages/outage/none").then().statusCode(404);
    }
}
