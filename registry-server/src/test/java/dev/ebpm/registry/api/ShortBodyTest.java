package dev.ebpm.registry.api;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.RawHttp;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body shorter than its Content-Length, whose client then goes quiet: once no byte has come for
 * {@code ebpm.http.body-idle-timeout} (2 s in the test profile) the registry answers 408 in the error
 * envelope, logs it in one line, and nothing was half-written.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class ShortBodyTest {
    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest
    @ValueSource(strings = {"PUT /api/v1/packages/short/body/-/versions/1.0.0 application/octet-stream",
        "POST /api/v1/tokens application/json", "POST /v2/short/body/blobs/uploads/?digest=sha256:"
        + "0000000000000000000000000000000000000000000000000000000000000000 application/octet-stream"})
    void aBodyThatStopsArrivingIs408InTheEnvelope(String request) throws Exception {
        // Only the watchdog answers: the blocking reader's own timeout (20 s here) closes without an answer.
        try (RawHttp http = send(request)) {
            RawHttp.Answer a = http.answer();
            assertThat(a.status()).as(a.body()).isEqualTo(408);
            assertThat(a.body()).startsWith("{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"the request body "
                + "stopped arriving after 13 of 1000 bytes");
        }
        RestAssured.get("/api/v1/packages/short/body").then().statusCode(404);
    }

    private RawHttp send(String request) throws Exception {
        String[] parts = request.split(" ");
        String token = parts[1].startsWith("/v2") ? "Basic " + Base64.getEncoder().encodeToString(("ebpm:"
            + Api.publisher()).getBytes(StandardCharsets.UTF_8))
            : "Bearer " + (parts[1].contains("tokens") ? Api.ADMIN : Api.publisher());
        RawHttp http = new RawHttp(base, 20_000);
        http.head(parts[0], parts[1], Map.of("Authorization", token, "Content-Type", parts[2],
            "Content-Length", "1000"));
        http.send("{\"name\": \"cut".getBytes(StandardCharsets.UTF_8));
        return http;
    }
}
