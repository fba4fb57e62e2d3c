package dev.ebpm.registry.oci;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import dev.ebpm.registry.testing.RawHttp;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One token trickling 40 chunk uploads at once (a byte every half second) used to hold 40 database
 * connections, so health, every database-backed endpoint and worker leases failed. Now bodies are read
 * outside transactions, and the uploads beyond the per-token bound are refused before their body is read.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class UploadConcurrencyTest {
    private static final int UPLOADS = 40;
    private static final int BYTES = 10;

    @TestHTTPResource("/")
    URL base;

    private record Outcome(int status, boolean beforeBodyEnded, String retryAfter) {
    }

    private Outcome trickle(String location, String authorization) throws Exception {
        try (RawHttp http = new RawHttp(base, 15_000)) {
            http.head("PATCH", location, Map.of("Authorization", authorization, "Content-Type",
                "application/octet-stream", "Content-Range", "0-" + (BYTES - 1), "Content-Length",
                Integer.toString(BYTES)));
            boolean early = false;
            for (int i = 0; i < BYTES; i++) {
                if (http.answered()) {
                    early = true;
                    break;
                }
                http.send(new byte[] {(byte) i});
                Thread.sleep(500);
            }
            RawHttp.Answer a = http.answer();
            return new Outcome(a.status(), early, a.headers().get("retry-after"));
        }
    }

    @Test
    void trickledUploadsDoNotStarveTheRestOfTheRegistry() throws Exception {
        String token = Api.publisher();
        String worker = Api.token("worker", "worker");
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("ebpm:" + token)
            .getBytes(StandardCharsets.UTF_8));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            sessions.add(Oci.as(token).post("/v2/starve/blobs/uploads/").then().statusCode(202).extract()
                .header("Location"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
        try {
            List<Future<Outcome>> uploads = new ArrayList<>();
            for (String location : sessions) {
                uploads.add(pool.submit(() -> trickle(location, authorization)));
            }
            Thread.sleep(1500);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(request("/q/health").GET().build(),
                HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> tokens = client.send(request("/api/v1/tokens/me").header("Authorization",
                "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> lease = client.send(request("/api/v1/worker/lease?worker=starve")
                .header("Authorization", "Bearer " + worker).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            assertThat(lease.statusCode()).as(lease.body()).isIn(200, 204);

            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : uploads) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            List<Outcome> accepted = outcomes.stream().filter(o -> o.status() == 202).toList();
            List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 429).toList();
            assertThat(accepted.size() + refused.size()).as(outcomes.toString()).isEqualTo(UPLOADS);
            assertThat(accepted).hasSizeBetween(1, 4);
            assertThat(refused).allSatisfy(o -> {
                assertThat(o.beforeBodyEnded()).isTrue();
                assertThat(o.retryAfter()).isNotNull();
            });
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
            .timeout(Duration.ofSeconds(10));
    }
}
