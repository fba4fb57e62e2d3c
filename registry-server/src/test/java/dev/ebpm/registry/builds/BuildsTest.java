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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Builds through the worker API, with the test as the worker: lease, heartbeat, sources, report. The lease
 * lasts 2 s in the test profile, so expiry and re-leasing are observable.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class BuildsTest {
    private String publisher;
    private String worker;
    private Builds builds;

    @BeforeEach
    void tokens() {
        builds = Builds.withFreshTokens();
        publisher = builds.publisher();
        worker = builds.worker();
    }

    @Test
    void aBuildIsLeasedCompiledAndPublished() {
        byte[] sources = Sources.example("sigsnoop");
        String id = builds.submit("built/sigsnoop", "1.0.0", sources);
        Api.as(worker).post("/api/v1/worker/builds/" + id + "/heartbeat").then().statusCode(409);

        Map<String, Object> lease = builds.leaseOf(id);
        String leaseId = (String) lease.get("lease");
        assertThat(lease).containsEntry("name", "built/sigsnoop").containsEntry("version", "1.0.0")
            .containsEntry("attempt", 1);
        RestAssured.get("/api/v1/builds/" + id).then().body("state", equalTo("running"));
        byte[] fetched = Api.as(worker).header("Ebpm-Lease", leaseId).get((String) lease.get("sources"))
            .then().statusCode(200).extract().asByteArray();
        assertThat(fetched).isEqualTo(sources);
        Api.as(worker).header("Ebpm-Lease", leaseId).post("/api/v1/worker/builds/" + id + "/heartbeat")
            .then().statusCode(200);
        Api.as(worker).header("Ebpm-Lease", leaseId).body("clang -target bpf ... ok\n")
            .post("/api/v1/worker/builds/" + id + "/log").then().statusCode(204);

        byte[] pkg = Fixtures.file(Fixtures.renamed("sigsnoop", "built/sigsnoop", "1.0.0"));
        Api.as(worker).header("Ebpm-Lease", leaseId).body(pkg).post("/api/v1/worker/builds/" + id + "/success")
            .then().statusCode(200).body("state", equalTo("succeeded"))
            .body("packageVersion", equalTo("/api/v1/packages/built/sigsnoop/-/versions/1.0.0"))
            .body("log", containsString("clang -target bpf"));
        RestAssured.get("/api/v1/packages/built/sigsnoop/-/versions/1.0.0").then().statusCode(200)
            .body("buildId", equalTo(id));
        // The same name@version cannot be built again.
        Api.as(publisher).body(sources).queryParam("name", "built/sigsnoop").queryParam("version", "1.0.0")
            .post("/api/v1/builds").then().statusCode(409);
    }

    /** A wasm-bpf tool's sources come back as its module; identical sources reuse it like any build. */
    @Test
    void aWasmToolsBuildIsPublishedAsItsModuleAndReusedForIdenticalSources() {
        byte[] sources = Sources.example("proclife");
        String id = builds.submit("built/proclife", "1.0.0", sources);
        String leaseId = (String) builds.leaseOf(id).get("lease");
        byte[] module = Fixtures.module("proclife");
        Api.as(worker).header("Ebpm-Lease", leaseId).contentType("application/wasm").body(module)
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200).body("state", equalTo("succeeded"));
        RestAssured.get("/api/v1/packages/built/proclife/-/versions/1.0.0").then().statusCode(200)
            .body("kind", equalTo("wasm")).body("buildId", equalTo(id))
            .body("details.programs.name", org.hamcrest.Matchers.hasItems("handle_exec"));
        assertThat(RestAssured.get("/api/v1/packages/built/proclife/-/versions/1.0.0/app.wasm").asByteArray())
            .isEqualTo(module);

        Api.as(publisher).contentType("application/gzip").body(sources).queryParam("name", "built/proclife-copy")
            .queryParam("version", "1.0.0").post("/api/v1/builds").then().statusCode(202)
            .body("state", equalTo("succeeded")).body("log", containsString("identical sources to build " + id));
        RestAssured.get("/api/v1/packages/built/proclife-copy/-/versions/1.0.0").then().statusCode(200)
            .body("kind", equalTo("wasm"));
        assertThat(RestAssured.get("/api/v1/packages/built/proclife-copy/-/versions/1.0.0/app.wasm").asByteArray())
            .isEqualTo(module);
    }

    @Test
    void identicalSourcesAreNotCompiledTwice() {
        byte[] sources = Sources.example("tcpstates");
        String first = builds.submit("built/tcpstates", "1.0.0", sources);
        String leaseId = (String) builds.leaseOf(first).get("lease");
        Api.as(worker).header("Ebpm-Lease", leaseId).body(Fixtures.file(Fixtures.renamed("tcpstates",
            "built/tcpstates", "1.0.0"))).post("/api/v1/worker/builds/" + first + "/success").then().statusCode(200);

        String second = Api.as(publisher).contentType("application/gzip").body(sources)
            .queryParam("name", "built/tcpstates-copy").queryParam("version", "2.0.0").post("/api/v1/builds")
            .then().statusCode(202).body("state", equalTo("succeeded"))
            .body("log", containsString("identical sources to build " + first)).extract().path("id");
        RestAssured.get("/api/v1/packages/built/tcpstates-copy/-/versions/2.0.0").then().statusCode(200)
            .body("buildId", equalTo(second))
            .body("digests.layer", equalTo(RestAssured.get("/api/v1/packages/built/tcpstates/-/versions/1.0.0")
                .path("digests.layer")));
    }

    @Test
    void aFailedCompileKeepsItsLog() {
        String id = builds.submit("built/broken", "1.0.0", Sources.example("opensnoop"));
        String leaseId = (String) builds.leaseOf(id).get("lease");
        Api.as(worker).header("Ebpm-Lease", leaseId).body("opensnoop.bpf.c:12: error: unknown type name 'u33'\n")
            .post("/api/v1/worker/builds/" + id + "/failure").then().statusCode(200)
            .body("state", equalTo("failed")).body("log", containsString("unknown type name"));
        RestAssured.get("/api/v1/packages/built/broken").then().statusCode(404);
        // A failed build may be submitted again.
        builds.submit("built/broken", "1.0.0", Sources.example("opensnoop"));
    }

    @Test
    void anExpiredLeaseGoesToTheNextWorkerAndTheOldOneIsRefused() throws InterruptedException {
        String id = builds.submit("built/slow", "1.0.0", Sources.example("execsnoop"));
        String first = (String) builds.leaseOf(id).get("lease");
        Thread.sleep(2500);
        Map<String, Object> second = builds.leaseOf(id);
        assertThat(second.get("attempt")).isEqualTo(2);
        Api.as(worker).header("Ebpm-Lease", first).body(Fixtures.file(Fixtures.renamed("execsnoop", "built/slow",
            "1.0.0"))).post("/api/v1/worker/builds/" + id + "/success").then().statusCode(409)
            .body("errors[0].code", equalTo("LEASE_LOST"));
        Thread.sleep(2500);
        assertThat(builds.leaseOf(id).get("attempt")).isEqualTo(3);
        Thread.sleep(2500);
        // The third lease expired too: the build is given up the next time anything is leased.
        Api.as(worker).post("/api/v1/worker/lease?worker=test");
        RestAssured.get("/api/v1/builds/" + id).then().body("state", equalTo("failed"))
            .body("error", startsWith("no worker finished the build in 3 attempts"));
    }

    @Test
    void unsafeArchivesAreRefused() {
        Map<String, byte[]> ok = new LinkedHashMap<>();
        ok.put("p.bpf.c", "int x;".getBytes(StandardCharsets.UTF_8));
        byte[] symlink = Sources.tarGz(tar -> {
            TarArchiveEntry link = new TarArchiveEntry("p.h", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/shadow");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        Map<String, byte[]> absolute = Map.of("/etc/p.bpf.c", new byte[1]);
        Map<String, byte[]> dotdot = Map.of("../p.bpf.c", new byte[1]);
        Map<String, byte[]> many = new LinkedHashMap<>(ok);
        for (int i = 0; i < 100; i++) {
            many.put("h" + i + ".h", new byte[1]);
        }
        Map<String, byte[]> huge = new LinkedHashMap<>(ok);
        huge.put("big.h", new byte[6 << 20]);
        Map<String, byte[]> none = Map.of("README.md", new byte[1]);
        for (byte[] bad : new byte[][] {symlink, Sources.tarGz(absolute), Sources.tarGz(dotdot), Sources.tarGz(many),
            Sources.tarGz(huge), Sources.tarGz(none), "not gzip".getBytes(StandardCharsets.UTF_8)}) {
            Api.as(publisher).body(bad).queryParam("name", "built/unsafe").queryParam("version", "1.0.0")
                .post("/api/v1/builds").then().statusCode(400).body("errors[0].code", equalTo("SOURCES_INVALID"));
        }
        Api.as(worker).body(new byte[0]).queryParam("name", "built/unsafe").queryParam("version", "1.0.0")
            .post("/api/v1/builds").then().statusCode(403);
        Api.as(publisher).post("/api/v1/worker/lease").then().statusCode(403);
    }
}
