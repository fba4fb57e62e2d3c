package dev.ebpm.registry.builds;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Builds;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Sources;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

/**
 * A worker repeats reports when it cannot tell whether the registry got them (it restarted mid-build):
 * the same report under the lease that finished the build answers the build again, a numbered log
 * chunk is appended once, and a lease that does not hold the build is still refused.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class WorkerRetriesTest {
    private static RequestSpecification as(Builds builds, String lease) {
        return Api.as(builds.worker()).header("Ebpm-Lease", lease);
    }

    @Test
    void aRepeatedSuccessAnswersTheBuildAgain() {
        Builds builds = Builds.withFreshTokens();
        String id = builds.submit("retries/sigsnoop", "1.0.0", Sources.unique("sigsnoop", "retries/success"));
        String lease = (String) builds.leaseOf(id).get("lease");
        byte[] pkg = Fixtures.file(Fixtures.renamed("sigsnoop", "retries/sigsnoop", "1.0.0"));
        for (int i = 0; i < 2; i++) {
            as(builds, lease).body(pkg).post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200)
                .body("state", equalTo("succeeded"))
                .body("packageVersion", equalTo("/api/v1/packages/retries/sigsnoop/-/versions/1.0.0"));
        }
        // A failure report repeated after the success, under the same lease, changes nothing either.
        as(builds, lease).body("late").post("/api/v1/worker/builds/" + id + "/failure").then().statusCode(200)
            .body("state", equalTo("succeeded"));
        as(builds, "00000000-0000-0000-0000-000000000000").body(pkg).post("/api/v1/worker/builds/" + id + "/success")
            .then().statusCode(409).body("errors[0].code", equalTo("LEASE_LOST"));
        RestAssured.get("/api/v1/packages/retries/sigsnoop").then().body("versions.size()", equalTo(1));
    }

    @Test
    void aRepeatedFailureAnswersTheBuildAgainAndAStaleLeaseIsRefused() throws InterruptedException {
        Builds builds = Builds.withFreshTokens();
        String id = builds.submit("retries/broken", "1.0.0", Sources.unique("opensnoop", "retries/failure"));
        String first = (String) builds.leaseOf(id).get("lease");
        Thread.sleep(2500);
        String second = (String) builds.leaseOf(id).get("lease");
        for (int i = 0; i < 2; i++) {
            as(builds, second).body("error: u33\n").post("/api/v1/worker/builds/" + id + "/failure").then()
                .statusCode(200).body("state", equalTo("failed"));
        }
        // The first lease expired before the build finished: it is not the one the build finished under.
        as(builds, first).body("error: u33\n").post("/api/v1/worker/builds/" + id + "/failure").then()
            .statusCode(409).body("errors[0].code", equalTo("LEASE_LOST"));
    }

    @Test
    void aNumberedLogChunkIsAppendedOnce() {
        Builds builds = Builds.withFreshTokens();
        String id = builds.submit("retries/log", "1.0.0", Sources.unique("execsnoop", "retries/log"));
        String lease = (String) builds.leaseOf(id).get("lease");
        String log = "/api/v1/worker/builds/" + id + "/log";
        as(builds, lease).header("Ebpm-Log-Sequence", "1").body("one\n").post(log).then().statusCode(204);
        as(builds, lease).header("Ebpm-Log-Sequence", "1").body("one\n").post(log).then().statusCode(204);
        as(builds, lease).header("Ebpm-Log-Sequence", "2").body("two\u0000\n").post(log).then().statusCode(204);
        as(builds, lease).header("Ebpm-Log-Sequence", "1").body("one\n").post(log).then().statusCode(204);
        as(builds, lease).body("unnumbered\n").post(log).then().statusCode(204);
        as(builds, lease).header("Ebpm-Log-Sequence", "0").body("x").post(log).then().statusCode(400);
        as(builds, lease).header("Ebpm-Log-Sequence", "two").body("x").post(log).then().statusCode(400)
            .body("errors[0].code", equalTo("BAD_REQUEST"));
        String text = RestAssured.get("/api/v1/builds/" + id).path("log");
        org.assertj.core.api.Assertions.assertThat(text).endsWith("one\ntwo\uFFFD\nunnumbered\n");
    }
}
