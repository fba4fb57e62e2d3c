package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.kernelbtf.KernelBtf;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.testing.TestKernelBtf;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Packages built with {@code ecc --btfgen}: their kernel BTF is the OCI artifact's second layer, kept through
 * REST and OCI publishes, served back in the .ebpm file and as a blob, listed in the details and the catalog,
 * and withdrawn with the version; a second layer of another kind is refused.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class KernelBtfLayersTest {
    private static final KernelBtfArchive KERNELS = new KernelBtfArchive(List.of(
        new KernelBtf("ubuntu", "20.04", "x86_64", "5.4.0-42-generic", TestKernelBtf.minimal(1)),
        new KernelBtf("centos", "8", "x86_64", "4.18.0-305.el8.x86_64", TestKernelBtf.minimal(2))));

    private static EbpmPackage withBtf(String name) {
        return Fixtures.renamed("sigsnoop", name, "1.0.0").withBtfs(KERNELS);
    }

    @Test
    void aBtfgenPackageKeepsItsKernelBtfThroughTheHub() {
        String token = Api.publisher();
        String name = "btf/sigsnoop";
        EbpmPackage pkg = withBtf(name);
        Api.as(token).contentType("application/vnd.ebpm.package.v1+tar").body(EbpmPackageCodec.write(pkg))
            .put("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(201)
            .body("details.btfKernels", contains("4.18.0-305.el8.x86_64 (centos 8, x86_64)",
                "5.4.0-42-generic (ubuntu 20.04, x86_64)"));
        byte[] file = RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0/package.ebpm").asByteArray();
        assertThat(EbpmPackageCodec.read(file, "pulled").btfs().describe()).isEqualTo(KERNELS.describe());

        OciManifest m = OciManifest.parse(RestAssured.get("/v2/" + name + "/manifests/1.0.0").asByteArray());
        assertThat(m.layers()).hasSize(2);
        Digest btfLayer = PackageArtifact.btfLayer(m).digest();
        byte[] layer = RestAssured.get("/v2/" + name + "/blobs/" + btfLayer).then().statusCode(200).extract()
            .asByteArray();
        assertThat(EbpmPackageCodec.decompressBtf(layer).describe()).isEqualTo(KERNELS.describe());
        RestAssured.get("/packages/" + name).then().statusCode(200)
            .body(containsString("or one of the 2 kernels the package carries BTF for"));

        // eunomia's btfgen tar is published the same way, named by the URL.
        byte[] tar = EunomiaPackageCodec.writeTar(pkg.toEunomia(), "sigsnoop.bpf.o");
        Api.as(token).contentType("application/x-tar").body(tar).put("/api/v1/packages/btf/from-tar/-/versions/1.0.0")
            .then().statusCode(201).body("details.btfKernels.size()", equalTo(2));

        // Removing the version withdraws the BTF blob with the rest.
        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("reason", "test"))
            .delete("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(200);
        RestAssured.get("/v2/" + name + "/blobs/" + btfLayer).then().statusCode(404);
    }

    @Test
    void anOciPushKeepsTheBtfLayerAndASecondLayerOfAnotherKindIsRefused() {
        String token = Api.publisher();
        String name = "btf/pushed";
        PackageArtifact a = PackageArtifact.of(withBtf(name));
        Oci.pushBlob(token, name, a.btf()).then().statusCode(201);
        Oci.push(token, name, "1.0.0", a).then().statusCode(201);
        byte[] file = RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0/package.ebpm").asByteArray();
        assertThat(EbpmPackageCodec.read(file, "pulled").btfs().kernels()).hasSize(2);

        String edited = new String(a.manifest(), StandardCharsets.UTF_8).replace(PackageArtifact.BTF_MEDIA_TYPE,
            "application/octet-stream");
        Oci.pushManifest(token, name, "1.0.1", edited.getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
            .body("errors[0].code", equalTo("MANIFEST_INVALID"))
            .body("errors[0].message", containsString("a second of type " + PackageArtifact.BTF_MEDIA_TYPE));
    }
}
