package dev.ebpm.registry.api;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.ebpm.registry.testing.Api.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class ConcurrentPublishTest {
    private static List<Integer> race(List<Callable<Integer>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyPublishesOfOneVersionLeaveExactlyOneWinner() throws Exception {
        String token = Api.publisher();
        byte[] file = Fixtures.file(Fixtures.renamed("execsnoop", "race/execsnoop", "1.0.0"));
        List<Integer> statuses = race(IntStream.range(0, 20).<Callable<Integer>>mapToObj(i -> () ->
            Api.as(token).body(file).put("/api/v1/packages/race/execsnoop/-/versions/1.0.0").statusCode()).toList());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        RestAssured.get("/api/v1/packages/race/execsnoop").then().body("versions.size()", equalTo(1));
    }

    @Test
    void twentyConcurrentVersionsLeaveLatestOnTheHighest() throws Exception {
        String token = Api.publisher();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            byte[] file = Fixtures.file(Fixtures.renamed("execsnoop", "race/many", "1." + i + ".0"));
            String version = "1." + i + ".0";
            tasks.add(() -> Api.as(token).body(file).put("/api/v1/packages/race/many/-/versions/" + version)
                .statusCode());
        }
        assertThat(race(tasks)).containsOnly(201);
        Map<String, Object> pkg = RestAssured.get("/api/v1/packages/race/many").as(Map.class);
        assertThat(pkg.get("latest")).isEqualTo("1.20.0");
        assertThat((List<?>) pkg.get("versions")).hasSize(20);
        RestAssured.get("/api/v1/search?q=race").then().body("results.find { it.name == 'race/many' }.latest",
            equalTo("1.20.0"));
        publish(token, Fixtures.renamed("execsnoop", "race/many", "1.3.0")).then().statusCode(409)
            .body("errors[0].code", equalTo("VERSION_EXISTS"));
    }
}
