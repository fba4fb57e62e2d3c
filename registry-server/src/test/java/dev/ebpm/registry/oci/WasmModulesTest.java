package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.wasm.WasmFormat;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import land.oras.Annotations;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.auth.UsernamePasswordProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * wasm-bpf modules as their own kind of version: published over REST or pushed as eunomia's ecli and ORAS push
 * them, stored with the wasm media types, served byte for byte, described by the object they embed; modules
 * that are not wasm-bpf commands are refused with one line.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class WasmModulesTest {
    /** The smallest WASI command: one empty {@code _start}; valid, but with no BPF object in it. */
    private static final byte[] PLAIN_WASI = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
        7, 10, 1, 6, '_', 's', 't', 'a', 'r', 't', 0, 0, 10, 4, 1, 2, 0, 0x0b};

    @TestHTTPResource("/")
    URL base;

    private String host() {
        return base.getHost() + ":" + base.getPort();
    }

    private static Response put(String token, String name, String version, byte[] body) {
        return Api.as(token).contentType(WasmFormat.MEDIA_TYPE).body(body)
            .put("/api/v1/packages/" + name + "/-/versions/" + version);
    }

    @Test
    void aRestPublishedModuleIsAWasmArtifactThatOrasPullsByteForByte(@TempDir Path dir) throws IOException {
        byte[] module = Fixtures.module("proclife");
        put(Api.publisher(), "wasm/proclife", "1.0.0", module).then().statusCode(201)
            .body("kind", equalTo("wasm"));
        RestAssured.get("/api/v1/packages/wasm/proclife/-/versions/1.0.0").then().statusCode(200)
            .body("kind", equalTo("wasm"))
            .body("description", containsString("Process lifetimes"))
            .body("readme", containsString("# proclife"))
            .body("details.output", equalTo("module"))
            .body("details.module.described", equalTo(true))
            .body("details.module.imports", hasItems("wasm_bpf.wasm_load_bpf_object", "wasm_bpf.wasm_bpf_buffer_poll"))
            .body("details.programs.name", hasItems("handle_exec", "handle_exit"))
            .body("details.requires.tracepoints", hasItems("sched/sched_process_exec", "sched/sched_process_exit"))
            .body("links.packageFile", equalTo("/api/v1/packages/wasm/proclife/-/versions/1.0.0/app.wasm"));
        assertThat(RestAssured.get("/api/v1/packages/wasm/proclife/-/versions/1.0.0/app.wasm").asByteArray())
            .isEqualTo(module);
        assertThat(RestAssured.get("/api/v1/search?q=proclife&output=module").<List<String>>path("results.name"))
            .contains("wasm/proclife");
        String page = RestAssured.get("/packages/wasm/proclife").then().statusCode(200).extract().asString();
        assertThat(page).contains("wasm module", "app.wasm", "handle_exec", "reads its own arguments")
            .doesNotContain("package.json</a>");
        RestAssured.get("/api/v1/packages/wasm/proclife/-/versions/1.0.0/package.ebpm").then().statusCode(404)
            .body("errors[0].message", containsString("is a wasm module: download app.wasm"));

        byte[] manifestBytes = RestAssured.given().accept(OciManifest.MEDIA_TYPE)
            .get("/v2/wasm/proclife/manifests/1.0.0").asByteArray();
        OciManifest manifest = OciManifest.parse(manifestBytes);
        assertThat(manifest.mediaType()).isEqualTo(OciManifest.MEDIA_TYPE);
        assertThat(manifest.config().mediaType()).isEqualTo(WasmFormat.CONFIG_MEDIA_TYPE);
        assertThat(manifest.layers()).singleElement().satisfies(l -> {
            assertThat(l.mediaType()).isEqualTo(WasmFormat.LAYER_MEDIA_TYPE);
            assertThat(l.annotations()).containsEntry("org.opencontainers.image.title", "app.wasm");
            assertThat(l.digest()).isEqualTo(Digest.sha256(module));
        });

        // ORAS, as a user pulls a module: the manifest, then the layer by digest.
        Registry anonymous = Registry.builder().insecure().build();
        ContainerRef ref = ContainerRef.parse(host() + "/wasm/proclife:1.0.0");
        Manifest pulled = anonymous.getManifest(ref);
        assertThat(pulled.getDigest()).isEqualTo(Digest.sha256(manifestBytes).toString());
        assertThat(pulled.getLayers()).singleElement().satisfies(l ->
            assertThat(l.getMediaType()).isEqualTo(WasmFormat.LAYER_MEDIA_TYPE));
        Path fetched = dir.resolve("app.wasm");
        anonymous.fetchBlob(ref.withDigest(pulled.getLayers().get(0).getDigest()), fetched);
        assertThat(Files.readAllBytes(fetched)).isEqualTo(module);
    }

    /** What eunomia's {@code ecli push} sends: config {} of the wasm config type, the module as the one layer. */
    @Test
    void aModulePushedAsEunomiasEcliPushesItIsPublishedAsThatVersion(@TempDir Path dir) throws IOException {
        String token = Api.publisher();
        byte[] module = Fixtures.module("syscalltop");
        Registry registry = Registry.builder().insecure().withAuthProvider(new UsernamePasswordProvider("ebpm", token))
            .build();
        ContainerRef ref = ContainerRef.parse(host() + "/wasm/syscalltop:2.0.0");
        Layer config = registry.pushBlob(ref, "{}".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("app.wasm"), module);
        Manifest pushed = registry.pushArtifact(ref, null, Annotations.empty(),
            Config.fromBlob(WasmFormat.CONFIG_MEDIA_TYPE, config), LocalPath.of(file, WasmFormat.LAYER_MEDIA_TYPE));

        RestAssured.get("/api/v1/packages/wasm/syscalltop/-/versions/2.0.0").then().statusCode(200)
            .body("kind", equalTo("wasm"))
            .body("digests.manifest", equalTo(pushed.getDigest()))
            .body("details.maps.name", hasItems("counts"));
        assertThat(RestAssured.get("/api/v1/packages/wasm/syscalltop/-/versions/latest/app.wasm").asByteArray())
            .isEqualTo(module);
    }

    @Test
    void aModuleWithoutABpfObjectOrNotAModuleIsRefused() {
        String token = Api.publisher();
        put(token, "wasm/plain", "1.0.0", PLAIN_WASI).then().statusCode(400)
            .body("errors[0].message", containsString("the wasm module embeds no BPF object"));
        put(token, "wasm/plain", "1.0.0", "not a module".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
            .body("errors[0].message", containsString("not a WebAssembly binary"));
        byte[] cut = java.util.Arrays.copyOf(PLAIN_WASI, PLAIN_WASI.length - 3);
        put(token, "wasm/plain", "1.0.0", cut).then().statusCode(400)
            .body("errors[0].message", containsString("not a valid WebAssembly module"));
        RestAssured.get("/api/v1/packages/wasm/plain").then().statusCode(404);
    }

    @Test
    void aModulePushedUnderATagThatIsNoVersionIsRefused() {
        String token = Api.publisher();
        Registry registry = Registry.builder().insecure().withAuthProvider(new UsernamePasswordProvider("ebpm", token))
            .build();
        ContainerRef ref = ContainerRef.parse(host() + "/wasm/untagged:latest");
        PackageArtifact a = PackageArtifact.wasm(new PackageInfo("wasm/untagged", "1.0.0", null, null, List.of()),
            Fixtures.module("proclife"));
        registry.pushBlob(ref, a.config());
        registry.pushBlob(ref, a.layer());
        Api.as(token).contentType(OciManifest.MEDIA_TYPE).body(a.manifest()).put("/v2/wasm/untagged/manifests/latest")
            .then().statusCode(400).body("errors[0].message", containsString("push a wasm module as the version it is"));
        RestAssured.get("/api/v1/packages/wasm/untagged").then().statusCode(404);
    }
}
