package dev.ebpm.registry.oci;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.artifact.PackageConfig;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Commands;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.OciLayout;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Referrers;
import land.oras.Registry;
import land.oras.Subject;
import land.oras.auth.UsernamePasswordProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.ebpm.registry.testing.Api.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Independent OCI clients against the registry: skopeo (Go, containers/image) and the ORAS Java SDK. */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class OciClientsTest {
    @TestHTTPResource("/")
    URL base;

    private String host() {
        return base.getHost() + ":" + base.getPort();
    }

    private Registry oras(String token) {
        return Registry.builder().insecure().withAuthProvider(new UsernamePasswordProvider("ebpm", token)).build();
    }

    @Test
    void skopeoPushesAPackageThatRestServesByteIdentical(@TempDir Path dir) throws IOException {
        String token = Api.publisher();
        EbpmPackage pkg = Fixtures.renamed("tcpstates", "skopeo/tcpstates", "1.0.0");
        PackageArtifact a = PackageArtifact.of(pkg);
        OciLayout.write(dir.resolve("src"), "1.0.0", a);
        Commands.run(List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds",
            "ebpm:" + token, "oci:" + dir.resolve("src") + ":1.0.0", "docker://" + host() + "/skopeo/tcpstates:1.0.0"));

        RestAssured.get("/api/v1/packages/skopeo/tcpstates").then().statusCode(200).body("latest", equalTo("1.0.0"));
        assertThat(RestAssured.get("/api/v1/packages/skopeo/tcpstates/-/versions/1.0.0/package.ebpm").asByteArray())
            .isEqualTo(Fixtures.file(pkg));
        assertThat(RestAssured.get("/api/v1/packages/skopeo/tcpstates/-/versions/1.0.0").<String>path(
            "digests.manifest")).isEqualTo(Digest.sha256(a.manifest()).toString());
        assertThat(RestAssured.get("/api/v1/search?q=tcpstates").<List<String>>path("results.name"))
            .contains("skopeo/tcpstates");
    }

    /** skopeo copies a version built for two architectures both ways, with --all: an index and each build. */
    @Test
    void skopeoCopiesAVersionBuiltForSeveralArchitecturesBothWays(@TempDir Path dir) throws IOException {
        String token = Api.publisher();
        String name = "skopeo/multiarch";
        List<PackageArtifact> builds = new ArrayList<>();
        for (String arch : List.of("x86_64", "arm64")) {
            EbpmPackage pkg = Fixtures.renamed("sigsnoop", name, "1.0.0");
            builds.add(PackageArtifact.of(pkg.withInfo(pkg.info().withArch(arch))));
        }
        byte[] index = PackageArtifact.index(Fixtures.renamed("sigsnoop", name, "1.0.0").info(),
            List.of(builds.get(0).variant("x86_64"), builds.get(1).variant("arm64"))).toBytes();
        OciLayout.writeIndex(dir.resolve("src"), "1.0.0", builds, index);
        Commands.run(List.of("skopeo", "--insecure-policy", "copy", "--all", "--dest-tls-verify=false",
            "--dest-creds", "ebpm:" + token, "oci:" + dir.resolve("src") + ":1.0.0", "docker://" + host() + "/" + name
                + ":1.0.0"));
        // skopeo writes the index again in its own form (so the version's digest is skopeo's index), and keeps
        // each build's manifest and blobs byte for byte.
        byte[] pushed = RestAssured.get("/v2/" + name + "/manifests/1.0.0").asByteArray();
        // (skopeo 1.9 knows no artifactType, so its entries have none: the digests, sizes and platforms stay.)
        assertThat(OciIndex.parse(pushed).variants()).extracting(v -> v.arch() + " " + v.manifest().digest() + " "
            + v.manifest().size()).containsExactlyElementsOf(OciIndex.parse(index).variants().stream().map(v ->
            v.arch() + " " + v.manifest().digest() + " " + v.manifest().size()).toList());
        RestAssured.get("/api/v1/packages/" + name + "/-/versions/1.0.0").then().statusCode(200)
            .body("digests.manifest", equalTo(Digest.sha256(pushed).toString()))
            .body("variants.arch", org.hamcrest.Matchers.contains("x86_64", "arm64"));

        Commands.run(List.of("skopeo", "--insecure-policy", "copy", "--all", "--src-tls-verify=false",
            "docker://" + host() + "/" + name + ":1.0.0", "oci:" + dir.resolve("back") + ":pulled"));
        assertThat(OciLayout.blob(dir.resolve("back"), Digest.sha256(pushed).toString())).isEqualTo(pushed);
        for (PackageArtifact a : builds) {
            assertThat(OciLayout.blob(dir.resolve("back"), Digest.sha256(a.manifest()).toString()))
                .isEqualTo(a.manifest());
            assertThat(OciLayout.blob(dir.resolve("back"), Digest.sha256(a.layer()).toString())).isEqualTo(a.layer());
        }
    }

    @Test
    void skopeoPullsARestPublishedPackageByteIdentical(@TempDir Path dir) throws IOException {
        EbpmPackage pkg = Fixtures.renamed("bashreadline", "skopeo/bashreadline", "2.1.0");
        publish(Api.publisher(), pkg).then().statusCode(201);
        PackageArtifact expected = PackageArtifact.of(pkg);
        Commands.run(List.of("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false",
            "docker://" + host() + "/skopeo/bashreadline:latest", "oci:" + dir + ":pulled"));
        String raw = Commands.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false",
            "docker://" + host() + "/skopeo/bashreadline:2.1.0"));
        assertThat(raw.strip().getBytes()).isEqualTo(expected.manifest());
        assertThat(OciLayout.blob(dir, Digest.sha256(expected.layer()).toString())).isEqualTo(expected.layer());
        assertThat(OciLayout.blob(dir, Digest.sha256(expected.config()).toString())).isEqualTo(expected.config());
        assertThat(Commands.run(List.of("skopeo", "list-tags", "--tls-verify=false",
            "docker://" + host() + "/skopeo/bashreadline"))).contains("\"2.1.0\"", "\"latest\"");
    }

    @Test
    void orasPushesAndPullsAPackageAndAttachesToIt(@TempDir Path dir) throws IOException {
        String token = Api.publisher();
        EbpmPackage pkg = Fixtures.renamed("opensnoop", "oras/opensnoop", "3.0.0");
        PackageArtifact a = PackageArtifact.of(pkg);
        Registry registry = oras(token);
        ContainerRef ref = ContainerRef.parse(host() + "/oras/opensnoop:3.0.0");

        Layer configBlob = registry.pushBlob(ref, a.config());
        Path object = Files.write(dir.resolve("object.bpf.o.zst"), a.layer());
        Manifest pushed = registry.pushArtifact(ref, ArtifactType.from(PackageArtifact.ARTIFACT_TYPE),
            Annotations.empty(), Config.fromBlob(PackageConfig.MEDIA_TYPE, configBlob),
            LocalPath.of(object, PackageArtifact.LAYER_MEDIA_TYPE));

        RestAssured.get("/api/v1/packages/oras/opensnoop/-/versions/3.0.0").then().statusCode(200)
            .body("digests.layer", equalTo(Digest.sha256(a.layer()).toString()));
        assertThat(RestAssured.get("/api/v1/packages/oras/opensnoop/-/versions/3.0.0/package.ebpm").asByteArray())
            .isEqualTo(Fixtures.file(pkg));

        Registry anonymous = Registry.builder().insecure().build();
        Manifest pulled = anonymous.getManifest(ref);
        assertThat(pulled.getDigest()).isEqualTo(pushed.getDigest());
        // (getBlob returns the body decoded as text; fetchBlob keeps the bytes.)
        Path fetched = dir.resolve("fetched");
        anonymous.fetchBlob(ref.withDigest(pulled.getLayers().get(0).getDigest()), fetched);
        assertThat(Files.readAllBytes(fetched)).isEqualTo(a.layer());
        assertThat(anonymous.getTags(ContainerRef.parse(host() + "/oras/opensnoop")).tags())
            .contains("3.0.0", "latest");

        // An SBOM-like artifact attached to the package version shows in its referrers.
        ContainerRef repo = ContainerRef.parse(host() + "/oras/opensnoop");
        Layer sbom = registry.pushBlob(repo, "{\"sbom\": true}".getBytes(StandardCharsets.UTF_8))
            .withMediaType("application/json");
        Manifest withSubject = Manifest.empty().withArtifactType(ArtifactType.from("application/vnd.ebpm.test.sbom"))
            .withLayers(List.of(sbom)).withSubject(Subject.of(pushed.getMediaType(), pushed.getDigest(),
                pushed.getDescriptor().getSize()));
        registry.pushManifest(repo.withDigest(digestOf(withSubject)), withSubject);
        Referrers referrers = anonymous.getReferrers(ref.withDigest(pushed.getDigest()), null);
        assertThat(referrers.getManifests()).extracting(m -> m.getArtifactType())
            .contains("application/vnd.ebpm.test.sbom");
    }

    private static String digestOf(Manifest m) {
        return Digest.sha256(m.toJson().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
