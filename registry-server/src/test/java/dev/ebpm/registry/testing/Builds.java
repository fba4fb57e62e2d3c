package dev.ebpm.registry.testing;

import io.restassured.response.Response;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The test as a publisher submitting sources and as a compile worker leasing builds. */
public final class Builds {
    private final String publisher;
    private final String worker;

    public Builds(String publisher, String worker) {
        this.publisher = publisher;
        this.worker = worker;
    }

    public static Builds withFreshTokens() {
        return new Builds(Api.publisher(), Api.token("worker", "worker"));
    }

    public String publisher() {
        return publisher;
    }

    public String worker() {
        return worker;
    }

    /** Submits a source archive; returns the queued build's id. */
    public String submit(String name, String version, byte[] archive) {
        return Api.as(publisher).contentType("application/gzip").body(archive)
            .queryParam("name", name).queryParam("version", version).post("/api/v1/builds")
            .then().statusCode(202).body("state", equalTo("queued")).extract().path("id");
    }

    /** Leases until it gets {@code build} (other tests' builds may be queued too, and are failed here). */
    public Map<String, Object> leaseOf(String build) {
        for (int i = 0; i < 50; i++) {
            Response r = Api.as(worker).post("/api/v1/worker/lease?worker=test");
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, Object> lease = r.as(Map.class);
            if (lease.get("build").equals(build)) {
                return lease;
            }
            Api.as(worker).header("Ebpm-Lease", (String) lease.get("lease")).body("not this test's")
                .post("/api/v1/worker/builds/" + lease.get("build") + "/failure");
        }
        throw new AssertionError("build " + build + " was never leased");
    }
}
