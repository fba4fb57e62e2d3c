package dev.ebpm.registry.api;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.ebpm.registry.testing.Api.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class PublishAndReadTest {
    @Test
    void aPublishedPackageIsDescribedFromItsBlobs() {
        String token = Api.publisher();
        EbpmPackage pkg = Fixtures.renamed("sigsnoop", "read/sigsnoop", "1.0.0");
        publish(token, pkg).then().statusCode(201)
            .body("name", equalTo("read/sigsnoop")).body("version", equalTo("1.0.0"))
            .body("details.programs.kind", hasItem("tracepoint"))
            .body("details.output", equalTo("events"));

        Response v = RestAssured.get("/api/v1/packages/read/sigsnoop/-/versions/1.0.0");
        v.then().statusCode(200);
        List<Map<String, Object>> flags = v.path("details.flags");
        assertThat(flags).extracting(f -> f.get("flag")).contains("--pid", "--signal", "--failed");
        assertThat(v.<List<String>>path("details.requires.tracepoints")).contains("syscalls/sys_enter_kill");
        // Read from the instructions at publish, so ecli check can answer without downloading the package.
        assertThat(v.<List<String>>path("details.requires.programs.find { it.name == 'kill_entry' }.helpers"))
            .contains("get_current_pid_tgid");
        assertThat(v.<String>path("details.requires.programs.find { it.name == 'kill_entry' }.programType"))
            .isEqualTo("tracepoint");
        assertThat(v.<List<String>>path("details.requires.helpers")).contains("get_current_pid_tgid");
        assertThat(v.<String>path("details.requires.minKernel")).matches("\\d+\\.\\d+");
        assertThat(v.<String>path("details.requires.arch")).as("built for any architecture").isNull();
        EbpmPackage arm = Fixtures.renamed("sigsnoop", "read/sigsnoop-arm64", "1.0.0");
        publish(token, new EbpmPackage(arm.info().withArch("arm64"), arm.meta(), arm.elf(), arm.readme()))
            .then().statusCode(201).body("details.requires.arch", equalTo("arm64"));
        assertThat(v.<List<String>>path("details.events.name")).containsExactly("event");
        // The metric sigsnoop's @metric names, for the catalog and for anyone building a dashboard.
        assertThat(v.<String>path("details.maps.find { it.name == 'events' }.metric.name")).isEqualTo("sigsnoop_signals");

        RestAssured.get("/api/v1/packages/read/sigsnoop").then().statusCode(200)
            .body("latest", equalTo("1.0.0")).body("tags.latest", equalTo("1.0.0"))
            .body("versions.version", equalTo(List.of("1.0.0")));
    }

    @Test
    void downloadsAreContentAddressedWithRangesAndEtags() {
        EbpmPackage pkg = Fixtures.renamed("opensnoop", "dl-opensnoop", "0.1.0");
        byte[] file = Fixtures.file(pkg);
        publish(Api.publisher(), pkg).then().statusCode(201);
        String digest = RestAssured.get("/api/v1/packages/dl-opensnoop/-/versions/0.1.0")
            .path("digests.packageFile");
        assertThat(digest).isEqualTo(Digest.sha256(file).toString());

        Response whole = RestAssured.get("/api/v1/blobs/" + digest);
        whole.then().statusCode(200).header("ETag", "\"" + digest + "\"")
            .header("Cache-Control", "public, max-age=31536000, immutable");
        assertThat(whole.asByteArray()).isEqualTo(file);

        Response part = RestAssured.given().header("Range", "bytes=10-19").get("/api/v1/blobs/" + digest);
        part.then().statusCode(206).header("Content-Range", "bytes 10-19/" + file.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(file, 10, 20));
        RestAssured.given().header("Range", "bytes=" + file.length + "-").get("/api/v1/blobs/" + digest)
            .then().statusCode(416).header("Content-Range", "bytes */" + file.length);
        RestAssured.given().header("If-None-Match", "\"" + digest + "\"").get("/api/v1/blobs/" + digest)
            .then().statusCode(304);

        byte[] json = RestAssured.get("/api/v1/packages/dl-opensnoop/-/versions/0.1.0/package.json").asByteArray();
        EunomiaPackage eunomia = EunomiaPackageCodec.readJson(json, "package.json");
        assertThat(eunomia.elf()).isEqualTo(pkg.elf());
        assertThat(eunomia.meta()).isEqualTo(pkg.meta());
        assertThat(RestAssured.get("/api/v1/packages/dl-opensnoop/-/versions/latest/package.ebpm").asByteArray())
            .isEqualTo(file);
    }

    @Test
    void downloadsAreCounted() throws InterruptedException {
        EbpmPackage pkg = Fixtures.renamed("execsnoop", "dl-count", "1.0.0");
        publish(Api.publisher(), pkg).then().statusCode(201);
        String layer = RestAssured.get("/api/v1/packages/dl-count/-/versions/1.0.0").path("digests.layer");
        RestAssured.get("/api/v1/packages/dl-count/-/versions/1.0.0/package.json").then().statusCode(200);
        RestAssured.get("/api/v1/packages/dl-count/-/versions/1.0.0/package.ebpm").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            RestAssured.get("/v2/dl-count/blobs/" + layer).then().statusCode(200);
        }
        RestAssured.head("/v2/dl-count/blobs/" + layer).then().statusCode(200);
        // Counts reach the database every second in the test profile.
        long downloads = 0;
        for (int i = 0; i < 50 && downloads < 5; i++) {
            Thread.sleep(100);
            downloads = RestAssured.get("/api/v1/packages/dl-count").<Integer>path("downloads");
        }
        assertThat(downloads).isEqualTo(5);
        RestAssured.get("/api/v1/packages/dl-count").then().body("versions[0].downloads", equalTo(5));
    }
}
