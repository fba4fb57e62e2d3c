package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Oci;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A version built for several architectures: each arch's package manifest pushed by digest, then an image
 * index pushed as the version. The index is the version's manifest; each variant is served by digest and as
 * its own .ebpm file; the REST view and the catalog list the architectures; bad indexes are refused.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class ArchVariantsTest {
    private static EbpmPackage variant(String name, String version, String arch) {
        EbpmPackage pkg = Fixtures.renamed("sigsnoop", name, version);
        return pkg.withInfo(pkg.info().withArch(arch));
    }

    /** Pushes each variant by digest and returns their index entries. */
    private static List<OciIndex.Variant> pushVariants(String token, String name, List<EbpmPackage> pkgs) {
        List<OciIndex.Variant> entries = new ArrayList<>();
        for (EbpmPackage p : pkgs) {
            PackageArtifact a = PackageArtifact.of(p);
            Oci.push(token, name, Digest.sha256(a.manifest()).toString(), a).then().statusCode(201);
            entries.add(a.variant(p.info().arch()));
        }
        return entries;
    }

    /** NAME 1.0.0 built for x86_64 and arm64, each pushed by digest: their index entries, in that order. */
    private static List<OciIndex.Variant> pushTwoArches(String token, String name) {
        return pushVariants(token, name, List.of(variant(name, "1.0.0", "x86_64"), variant(name, "1.0.0", "arm64")));
    }

    /** The version's identity, as its index is annotated with it. */
    private static PackageInfo identity(String name) {
        return Fixtures.renamed("sigsnoop", name, "1.0.0").info();
    }

    private static Response pushIndex(String token, String name, String reference, byte[] index) {
        return Oci.as(token).contentType(OciIndex.MEDIA_TYPE).body(index).put("/v2/" + name + "/manifests/" + reference);
    }

    @Test
    void anIndexPublishesOneVersionWithABuildPerArchitecture() {
        String token = Api.publisher();
        String name = "arch/sigsnoop";
        List<OciIndex.Variant> entries = pushTwoArches(token, name);
        PackageInfo identity = identity(name);
        // Pushed by digest, one architecture's build is no version yet.
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(404);
        byte[] index = PackageArtifact.index(identity, entries).toBytes();
        pushIndex(token, name, "1.0.0", index).then().statusCode(201)
            .header("Docker-Content-Digest", Digest.sha256(index).toString());
        // Pushing the same index again is fine (clients retry); a different one for the same number is not.
        pushIndex(token, name, "1.0.0", index).then().statusCode(201);

        RestAssured.given().accept(OciIndex.MEDIA_TYPE + ", application/vnd.oci.image.manifest.v1+json")
            .get("/v2/" + name + "/manifests/1.0.0").then().statusCode(200)
            .contentType(OciIndex.MEDIA_TYPE).header("Docker-Content-Digest", Digest.sha256(index).toString());
        assertThat(RestAssured.get("/v2/" + name + "/manifests/1.0.0").asByteArray()).isEqualTo(index);
        for (OciIndex.Variant e : entries) {
            RestAssured.get("/v2/" + name + "/manifests/" + e.manifest().digest()).then().statusCode(200)
                .contentType("application/vnd.oci.image.manifest.v1+json");
        }
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(200)
            .body("digests.manifest", equalTo(Digest.sha256(index).toString()))
            .body("variants.arch", contains("x86_64", "arm64"))
            .body("variants[1].manifest", equalTo(entries.get(1).manifest().digest().toString()))
            .body("variants[1].requires.arch", equalTo("arm64"))
            .body("variants[0].download", equalTo("/api/v1/packages/" + name + "/-/versions/1.0.0/package.ebpm?arch=x86_64"));

        RestAssured.get("/api/v1/packages/" + name).then().statusCode(200)
            .body("versions[0].arches", contains("x86_64", "arm64"));
        byte[] armFile = RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0/package.ebpm?arch=aarch64")
            .then().statusCode(200).extract().asByteArray();
        assertThat(EbpmPackageCodec.read(armFile, "arm64 file").info().arch()).isEqualTo("arm64");
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0/package.ebpm").then().statusCode(400)
            .body("errors[0].message", equalTo(name + "@1.0.0 is built for x86_64, arm64: name one with ?arch=ARCH"));
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0/package.ebpm?arch=riscv64").then()
            .statusCode(404).body("errors[0].message", equalTo(name + "@1.0.0 has no riscv64 build; it is built for "
                + "x86_64, arm64"));
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0/package.json?arch=mips").then().statusCode(400);
        RestAssured.get("/packages/" + name).then().statusCode(200)
            .body(containsString("<span class=\"arch\">x86_64</span>"))
            .body(containsString("package.ebpm?arch=arm64"))
            .body(containsString("<span class=\"arches\">x86_64 · arm64</span>"));

        // Tags point at the version as at any other.
        Api.as(token).contentType("application/json").body(Map.of("version", "1.0.0"))
            .put("/api/v1/packages/" + name + "/-/tags/stable").then().statusCode(200);
        assertThat(RestAssured.get("/v2/" + name + "/manifests/stable").asByteArray()).isEqualTo(index);

        // Removing the version takes its variants down with it.
        Api.as(Api.ADMIN).contentType("application/json").body(Map.of("reason", "test"))
            .delete("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(200);
        RestAssured.get("/v2/" + name + "/manifests/" + entries.get(1).manifest().digest()).then().statusCode(410);
    }

    @Test
    void badIndexesAreRefusedWithOneLine() {
        String token = Api.publisher();
        String name = "arch/refused";
        List<OciIndex.Variant> entries = pushTwoArches(token, name);
        PackageInfo identity = identity(name);

        OciIndex.Variant x86Entry = entries.get(0);
        OciIndex.Variant lying = new OciIndex.Variant(entries.get(1).manifest(), "riscv64");
        pushIndex(token, name, "1.0.0", PackageArtifact.index(identity, List.of(x86Entry, lying)).toBytes()).then()
            .statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"))
            .body("errors[0].message", containsString("as riscv64, but that package was built for arm64"));

        OciIndex.Variant unknown = new OciIndex.Variant(new dev.ebpm.format.artifact.OciDescriptor(
            "application/vnd.oci.image.manifest.v1+json", Digest.sha256(new byte[]{1}), 1, null, Map.of(), List.of()),
            "arm64");
        pushIndex(token, name, "1.0.0", PackageArtifact.index(identity, List.of(x86Entry, unknown)).toBytes()).then()
            .statusCode(400).body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));

        // Another repository's build is not this one's, even with the same bytes' digest known.
        List<OciIndex.Variant> elsewhere = pushVariants(token, "arch/elsewhere", List.of(variant("arch/elsewhere",
            "1.0.0", "riscv64")));
        pushIndex(token, name, "1.0.0", PackageArtifact.index(identity, List.of(x86Entry, elsewhere.get(0)))
            .toBytes()).then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"))
            .body("errors[0].message", containsString("which was not pushed to " + name));
        // Pushing an index needs the right to publish this package, like any version.
        pushIndex(Api.token("other publisher", "publish:tools/*"), name, "1.0.0", PackageArtifact.index(identity, entries).toBytes())
            .then().statusCode(403);

        byte[] good = PackageArtifact.index(identity, entries).toBytes();
        pushIndex(token, name, "stable", good).then().statusCode(400)
            .body("errors[0].message", containsString("as the version it is"));
        pushIndex(token, name, "2.0.0", good).then().statusCode(400)
            .body("errors[0].message", containsString("the x86_64 package's config says version 1.0.0"));
        String twice = new String(good, java.nio.charset.StandardCharsets.UTF_8).replace("\"arm64\"", "\"amd64\"");
        pushIndex(token, name, "1.0.0", twice.getBytes(java.nio.charset.StandardCharsets.UTF_8)).then().statusCode(400)
            .body("errors[0].message", containsString("listed twice"));
        // Nothing of the refused pushes became a version.
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(404);
        pushIndex(token, name, "1.0.0", good).then().statusCode(201);
    }
}
