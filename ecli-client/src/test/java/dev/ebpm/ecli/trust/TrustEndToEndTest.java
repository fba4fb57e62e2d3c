package dev.ebpm.ecli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.testing.EcliProcess;
import dev.ebpm.ecli.testing.HubStack;
import dev.ebpm.ecli.testing.KernelState;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.Digest;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.trust.CosignArtifacts;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.trust.SimpleSigning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trust end to end, with the hub as users run it (PostgreSQL, the S3 server, registry-server, a worker) and
 * ecli as a user runs it: keys, signed pushes, runs that the policy allows or refuses (nothing loaded), a
 * signature altered in the S3 bucket and in the local cache, untrusted, revoked and conflicting keys, an
 * offline verified run with the registry stopped, the hub's build provenance checked by ecli, by rebuilding
 * and by sigstore-js, signatures verified by openssl and made by openssl, and a signed package copied with
 * skopeo into a registry without the referrers API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustEndToEndTest {
    private HubStack hub;
    private Path home;
    private Path keys;
    private Map<String, String> env;
    private final HttpClient http = HttpClient.newHttpClient();
    private KernelState before;

    @BeforeAll
    void startHub() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "trust-home").toAbsolutePath();
        keys = home.resolve("keys");
        hub = HubStack.start();
        hub.startWorker();
        env = hub.ecliEnv(home);
        env.put("ECLI_ECC", TestPackages.ROOT.resolve("bin/ecc").toString());
        env.put("ECLI_SYSTEM_POLICY", home.resolve("no-system-policy.toml").toString());
        EcliProcess login = EcliProcess.runWithEnv(60, env, "login", "--token", hub.token("trust publisher", "publish:*"));
        assertThat(login.exitCode()).as(login.errText()).isZero();
    }

    @AfterAll
    void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void recordKernelState() {
        before = KernelState.isRoot() ? KernelState.now() : null;
    }

    @AfterEach
    void nothingLeftLoaded() throws InterruptedException {
        if (before != null) {
            assertThat(KernelState.settled(before)).as("programs, links and tc filters after the test").isEqualTo(before);
        }
    }

    private EcliProcess ecli(String... args) {
        return EcliProcess.runWithEnv(180, env, args);
    }

    private EcliProcess ok(String... args) {
        EcliProcess p = ecli(args);
        assertThat(p.exitCode()).as(String.join(" ", args) + "\n" + p.errText() + p.outText()).isZero();
        return p;
    }

    /** A refusal: exit code 9, one line on stderr with the package and the reason. */
    private void refused(String reason, String... args) {
        EcliProcess p = ecli(args);
        assertThat(p.exitCode()).as(String.join(" ", args) + "\n" + p.errText() + p.outText()).isEqualTo(9);
        assertThat(p.err()).as(p.errText()).hasSize(1);
        assertThat(p.errText()).contains("refusing").contains(reason);
    }

    private JsonNode json(String path) {
        return Json.parse(hub.get(path).getBytes(StandardCharsets.UTF_8));
    }

    private Digest digestOf(String name, String version) {
        return Digest.parse(json("/api/v1/packages/" + name + "/-/versions/" + version).path("digests").path("manifest")
            .asText());
    }

    private byte[] bytes(String path, String accept) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(hub.url().resolve(path)).header("Accept", accept)
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private byte[] manifest(String name, String reference) throws Exception {
        return bytes("/v2/" + name + "/manifests/" + reference, "application/vnd.oci.image.manifest.v1+json");
    }

    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Test
    @Order(1)
    void keysAreMadePrivateAndListedByFingerprint() throws Exception {
        EcliProcess alice = ok("key", "generate", "--out", keys.toString(), "--name", "alice");
        assertThat(alice.outText()).contains("(not encrypted)").containsPattern("fingerprint: [0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("alice.key"))))
            .isEqualTo("rw-------");
        Map<String, String> withPass = new HashMap<>(env);
        withPass.put("ECLI_KEY_PASSPHRASE", "s3cret pass");
        EcliProcess carol = EcliProcess.runWithEnv(60, withPass, "key", "generate", "--out", keys.toString(), "--name",
            "carol");
        assertThat(carol.exitCode()).as(carol.errText()).isZero();
        assertThat(Files.readString(keys.resolve("carol.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        // openssl reads the encrypted key with the passphrase, and only with it.
        Process o = new ProcessBuilder("openssl", "pkey", "-in", keys.resolve("carol.key").toString(), "-passin",
            "pass:s3cret pass", "-pubout").redirectErrorStream(true).start();
        assertThat(new String(o.getInputStream().readAllBytes())).isEqualTo(Files.readString(keys.resolve("carol.pub")));
        assertThat(ok("key", "generate", "--out", keys.toString(), "--name", "bob").outText()).contains("bob.pub");
        EcliProcess again = ecli("key", "generate", "--out", keys.toString(), "--name", "alice");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errText()).contains("exists already");
        // Signing with the encrypted key needs its passphrase; without a terminal, ecli says how to give it.
        EcliProcess noPass = ecli("sign", "whatever:1.0.0", "--key", keys.resolve("carol.key").toString());
        assertThat(noPass.exitCode()).isEqualTo(2);
        assertThat(noPass.errText()).contains("ECLI_KEY_PASSPHRASE");
    }

    @Test
    @Order(2)
    @Tag("kernel")
    void aSignedPushRunsUnderRequireAndUnsignedOrUntrustedOnesAreRefused() {
        KernelState.requireRoot();
        EcliProcess push = ok("push", TestPackages.ROOT.resolve("examples/sigsnoop").toString(), "sigsnoop:1.0.0",
            "--sign", keys.resolve("alice.key").toString());
        assertThat(push.outText()).contains("published sigsnoop@1.0.0", "signed sigsnoop@sha256:", "with alice");
        ok("push", TestPackages.example("opensnoop").toString(), "plain:1.0.0");
        assertThat(ok("key", "trust", keys.resolve("alice.pub").toString()).outText()).contains("require");

        EcliProcess run = ok("run", "sigsnoop:1.0.0", "--duration", "1");
        assertThat(run.errText()).doesNotContain("warning");
        refused("no signature", "run", "plain:1.0.0", "--duration", "1");
        ok("sign", "plain:1.0.0", "--key", keys.resolve("bob.key").toString());
        refused("unknown key", "run", "plain:1.0.0", "--duration", "1");
        // warn runs it and says why; off does not check.
        EcliProcess warned = ok("run", "plain:1.0.0", "--duration", "1", "--verify", "warn");
        assertThat(warned.errText()).contains("warning", "unknown key");
        ok("run", "plain:1.0.0", "--duration", "1", "--verify", "off");
        ok("run", "plain:1.0.0", "--duration", "1", "--key", keys.resolve("bob.pub").toString());
        refused("carries no signature", "run", TestPackages.example("opensnoop").toString(), "--verify", "require");
    }

    /** A version built for several architectures is signed once, over its image index, and each build verifies. */
    @Test
    @Order(3)
    @Tag("kernel")
    void aSignatureOverAnIndexCoversEveryArchitecturesBuild() {
        KernelState.requireRoot();
        String here = Architectures.running();
        String other = here.equals("arm64") ? "x86_64" : "arm64";
        EcliProcess push = ok("push", TestPackages.exampleForArch("sigsnoop", here).toString(),
            TestPackages.exampleForArch("sigsnoop", other).toString(), "multiarch:1.0.0", "--sign",
            keys.resolve("alice.key").toString());
        assertThat(push.outText()).contains("published multiarch@1.0.0 for " + here + ", " + other,
            "signed multiarch@sha256:");
        ok("run", "multiarch:1.0.0", "--duration", "1");
        assertThat(ok("pull", "multiarch:1.0.0", "--arch", other).outText()).contains("the " + other + " build");
        ok("push", TestPackages.exampleForArch("sigsnoop", here).toString(),
            TestPackages.exampleForArch("sigsnoop", other).toString(), "multiarch:1.1.0");
        refused("no signature", "run", "multiarch:1.1.0", "--duration", "1");
    }

    private Path evidenceFile(Digest d) {
        return home.resolve("cache/ebpm/trust/evidence").resolve(d.hex() + ".json");
    }

    @Test
    @Order(3)
    @Tag("kernel")
    void signaturesAlteredInTheCacheAreRefusedOfflineAndHealOnline() throws Exception {
        KernelState.requireRoot();
        Digest d = digestOf("sigsnoop", "1.0.0");
        byte[] good = Files.readAllBytes(evidenceFile(d));
        ObjectNode e = (ObjectNode) Json.parse(good);
        ObjectNode sig = (ObjectNode) e.path("signatures").get(0);
        byte[] s = Base64.getDecoder().decode(sig.path("signature").asText());
        s[s.length - 1] ^= 1;
        sig.put("signature", Base64.getEncoder().encodeToString(s));
        Files.write(evidenceFile(d), Json.canonical(e));
        refused("bad signature alice", "run", "sigsnoop:1.0.0", "--duration", "1", "--offline");
        ok("run", "sigsnoop:1.0.0", "--duration", "1");

        // A payload alice really signed, but for another digest.
        SigningKey alice = SigningKey.read(Files.readAllBytes(keys.resolve("alice.key")), "alice.key", null, "alice");
        SimpleSigning other = SimpleSigning.of("x/y", Digest.sha256(new byte[] {7}), null);
        ObjectNode forged = (ObjectNode) Json.parse(Files.readAllBytes(evidenceFile(d)));
        ArrayNode sigs = forged.putArray("signatures");
        sigs.addObject().put("payload", Base64.getEncoder().encodeToString(other.bytes()))
            .put("signature", Base64.getEncoder().encodeToString(alice.sign(other.bytes()))).put("origin", "forged");
        Files.write(evidenceFile(d), Json.canonical(forged));
        refused("signed digest differs", "run", "sigsnoop:1.0.0", "--duration", "1", "--offline");
        Files.write(evidenceFile(d), "{not json".getBytes(StandardCharsets.UTF_8));
        refused("bad signature", "run", "sigsnoop:1.0.0", "--duration", "1", "--offline");
        ok("run", "sigsnoop:1.0.0", "--duration", "1");
    }

    @Test
    @Order(4)
    @Tag("kernel")
    void aSignatureAlteredInTheBucketIsRefused() throws Exception {
        KernelState.requireRoot();
        Digest d = digestOf("sigsnoop", "1.0.0");
        JsonNode index = Json.parse(bytes("/v2/sigsnoop/referrers/" + d + "?artifactType="
            + CosignArtifacts.SIG_ARTIFACT_TYPE.replace("+", "%2B"), "application/vnd.oci.image.index.v1+json"));
        String referrer = index.path("manifests").get(0).path("digest").asText();
        Digest payload = Digest.parse(Json.parse(manifest("sigsnoop", referrer)).path("layers").get(0).path("digest")
            .asText());
        Path data = Path.of(System.getenv().getOrDefault("EBPM_S3_DATA", "/var/lib/ebpm/s3"));
        Path blob = data.resolve("ebpm-e2e/blobs/sha256").resolve(payload.hex().substring(0, 2)).resolve(payload.hex());
        assertThat(blob).as("the payload in the S3 server's files").exists();
        byte[] original = Files.readAllBytes(blob);
        try {
            // The same length (the registry checks sizes), other bytes.
            String altered = new String(original, StandardCharsets.UTF_8).replace("container", "CONTAINER");
            Files.writeString(blob, altered);
            // A registry that never read the blob before (a restarted or another replica) serves what the bucket holds.
            hub.stopRegistry();
            hub.restartRegistry();
            Files.deleteIfExists(evidenceFile(d));
            refused("bad signature", "run", "sigsnoop:1.0.0", "--duration", "1");
        } finally {
            Files.write(blob, original);
            hub.stopRegistry();
            hub.restartRegistry();
        }
        Files.deleteIfExists(evidenceFile(d));
        ok("run", "sigsnoop:1.0.0", "--duration", "1");
    }

    @Test
    @Order(5)
    @Tag("kernel")
    void revokedAndConflictingKeysAreRefused() throws Exception {
        KernelState.requireRoot();
        ok("key", "generate", "--out", keys.toString(), "--name", "dave");
        ok("push", TestPackages.example("execsnoop").toString(), "revoked:1.0.0", "--sign",
            keys.resolve("dave.key").toString());
        ok("key", "trust", keys.resolve("dave.pub").toString(), "--names", "revoked");
        ok("run", "revoked:1.0.0", "--duration", "1");
        String pem = Files.readString(keys.resolve("dave.pub"));
        String fp = SigningKey.read(Files.readAllBytes(keys.resolve("dave.key")), "d", null, "d").publicKey().fingerprint();
        // Revoked in the policy file: refused offline, at once.
        Path policy = home.resolve("config/ebpm/policy.toml");
        String text = Files.readString(policy);
        Files.writeString(policy, "revoked = [\"" + fp + "\"]\n" + text);
        refused("revoked key dave", "run", "revoked:1.0.0", "--duration", "1", "--offline");
        Files.writeString(policy, text);
        // Revoked by the hub's admin: learned with the package's metadata (pull refreshes it).
        hub.post("/api/v1/keys", ("{\"name\":\"dave\",\"publicKey\":" + Json.NODES.textNode(pem) + "}")
            .getBytes(StandardCharsets.UTF_8), HubStack.ADMIN, "application/json");
        hub.post("/api/v1/keys/" + fp + "/revoke", "{\"reason\":\"key leaked\"}".getBytes(StandardCharsets.UTF_8),
            HubStack.ADMIN, "application/json");
        EcliProcess pull = ecli("pull", "revoked:1.0.0");
        assertThat(pull.exitCode()).as(pull.errText()).isEqualTo(9);
        assertThat(pull.errText()).contains("revoked key dave", "key leaked");
        refused("revoked key dave", "run", "revoked:1.0.0", "--duration", "1", "--offline");

        // One key, two different claims about the same package.
        ok("push", TestPackages.example("bashreadline").toString(), "conflict:1.0.0", "--sign",
            keys.resolve("alice.key").toString());
        Digest d = digestOf("conflict", "1.0.0");
        SigningKey alice = SigningKey.read(Files.readAllBytes(keys.resolve("alice.key")), "alice.key", null, "alice");
        SimpleSigning second = SimpleSigning.of("elsewhere/conflict", d, null);
        pushReferrer("conflict", d, manifest("conflict", d.toString()).length, second.bytes(),
            alice.sign(second.bytes()));
        refused("conflicting signatures", "run", "conflict:1.0.0", "--duration", "1");
    }

    /** A cosign referrer written by hand (not with ebpm's codec), as another tool would push it. */
    private void pushReferrer(String name, Digest subject, long subjectSize, byte[] payload, byte[] signature)
        throws Exception {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(name, empty);
        pushBlob(name, payload);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"artifactType\":\""
            + CosignArtifacts.SIG_ARTIFACT_TYPE + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
            + "\"digest\":\"" + Digest.sha256(empty) + "\",\"size\":2},\"layers\":[{\"mediaType\":\""
            + SimpleSigning.MEDIA_TYPE + "\",\"digest\":\"" + Digest.sha256(payload) + "\",\"size\":" + payload.length
            + ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
            + Base64.getEncoder().encodeToString(signature) + "\"}}],\"subject\":{\"mediaType\":\"" + MANIFEST
            + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "}}";
        byte[] m = manifest.getBytes(StandardCharsets.UTF_8);
        put(name, Digest.sha256(m).toString(), m);
    }

    private String publisherAuth() throws IOException {
        String credentials = Files.readString(home.resolve("config/ebpm/credentials.toml"));
        String token = credentials.replaceAll("(?s).*token = \"([^\"]+)\".*", "$1");
        return "Basic " + Base64.getEncoder().encodeToString(("ebpm:" + token).getBytes(StandardCharsets.UTF_8));
    }

    private void pushBlob(String name, byte[] blob) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.url().resolve("/v2/" + name
            + "/blobs/uploads/?digest=" + Digest.sha256(blob))).header("Authorization", publisherAuth())
            .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(blob))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private void put(String name, String reference, byte[] manifest) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.url().resolve("/v2/" + name + "/manifests/"
            + reference)).header("Authorization", publisherAuth()).header("Content-Type", MANIFEST)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    @Order(6)
    @Tag("kernel")
    void aCachedPackageRunsVerifiedWithTheRegistryStopped() throws Exception {
        KernelState.requireRoot();
        ok("pull", "sigsnoop:1.0.0");
        hub.stopRegistry();
        try {
            EcliProcess run = ok("run", "sigsnoop@1.0.0", "--duration", "1", "--verify", "require");
            assertThat(run.errText()).doesNotContain("warning");
            // Tightening the policy applies to the cached copy at once: a key it never had is demanded now.
            Path strict = home.resolve("strict.toml");
            Files.writeString(strict, "[[rule]]\nregistry = \"*\"\nnames = [\"*\"]\nmode = \"require\"\nkeys = [\""
                + keys.resolve("bob.pub") + "\"]\n");
            Map<String, String> strictEnv = new HashMap<>(env);
            strictEnv.put("XDG_CONFIG_HOME", home.resolve("strict-config").toString());
            Files.createDirectories(home.resolve("strict-config/ebpm"));
            Files.copy(strict, home.resolve("strict-config/ebpm/policy.toml"));
            EcliProcess refused = EcliProcess.runWithEnv(60, strictEnv, "run", "sigsnoop@1.0.0", "--duration", "1");
            assertThat(refused.exitCode()).as(refused.errText()).isEqualTo(9);
            assertThat(refused.errText()).contains("unknown key");
        } finally {
            hub.restartRegistry();
        }
    }

    @Test
    @Order(7)
    void theHubsProvenanceVerifiesInEcliByRebuildingAndInSigstoreJs() throws Exception {
        ok("key", "trust", "--hub");
        EcliProcess verify = ok("verify", "sigsnoop:1.0.0");
        String buildId = json("/api/v1/packages/sigsnoop/-/versions/1.0.0").path("buildId").asText();
        assertThat(verify.outText()).contains("signature   verified  alice", "provenance  verified  hub-",
            "build " + buildId + " of sources sha256:", "clang ", "sandbox ", "kind bubblewrap", "trusted (");
        EcliProcess rebuilt = ok("verify", "sigsnoop:1.0.0", "--rebuild");
        assertThat(rebuilt.outText()).contains("rebuilt: the sources compile here to sha256:");

        Digest d = digestOf("sigsnoop", "1.0.0");
        JsonNode index = Json.parse(bytes("/v2/sigsnoop/referrers/" + d + "?artifactType=application/vnd.dev.sigstore"
            + ".bundle.v0.3%2Bjson", "application/vnd.oci.image.index.v1+json"));
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode layer = Json.parse(manifest("sigsnoop", index.path("manifests").get(0).path("digest").asText()))
            .path("layers").get(0);
        Path bundle = home.resolve("bundle.json");
        Files.write(bundle, bytes("/v2/sigsnoop/blobs/" + layer.path("digest").asText(), "*/*"));
        Path hubKey = home.resolve("hub.pub");
        for (JsonNode k : json("/api/v1/keys")) {
            if (k.path("kind").asText().equals("hub")) {
                Files.writeString(hubKey, k.path("publicKey").asText());
            }
        }
        String sigstoreJs = System.getenv("EBPM_SIGSTORE_JS");
        assertThat(sigstoreJs).as("EBPM_SIGSTORE_JS (scripts/test-tools.sh installs sigstore-js; scripts/test.sh sets it)")
            .isNotBlank();
        Path script = Path.of("src/test/resources/sigstore/verify-bundle.js").toAbsolutePath();
        assertThat(node(sigstoreJs, script, bundle, hubKey, d.toString())).contains("verified https://slsa.dev/provenance/v1");
        // And a bundle for another digest does not pass as this one's.
        String other = node(sigstoreJs, script, bundle, hubKey, Digest.sha256(new byte[] {1}).toString());
        assertThat(other).contains("not sha256:");
    }

    private static String node(String nodePath, Path script, Path bundle, Path key, String digest) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), bundle.toString(), key.toString(), digest)
            .redirectErrorStream(true);
        pb.environment().put("NODE_PATH", nodePath);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Test
    @Order(8)
    void cosignFormatSignaturesVerifyWithOpensslAndOpensslSignaturesVerifyInEcli() throws Exception {
        // Ours, checked by openssl over the simple-signing payload.
        Digest d = digestOf("sigsnoop", "1.0.0");
        JsonNode index = Json.parse(bytes("/v2/sigsnoop/referrers/" + d + "?artifactType="
            + CosignArtifacts.SIG_ARTIFACT_TYPE.replace("+", "%2B"), "application/vnd.oci.image.index.v1+json"));
        JsonNode layer = Json.parse(manifest("sigsnoop", index.path("manifests").get(0).path("digest").asText()))
            .path("layers").get(0);
        Path payload = home.resolve("payload.json");
        Path sig = home.resolve("payload.sig");
        Files.write(payload, bytes("/v2/sigsnoop/blobs/" + layer.path("digest").asText(), "*/*"));
        Files.write(sig, Base64.getDecoder().decode(layer.path("annotations").path(CosignArtifacts.SIGNATURE_ANNOTATION)
            .asText()));
        assertThat(run("openssl", "dgst", "-sha256", "-verify", keys.resolve("alice.pub").toString(), "-signature",
            sig.toString(), payload.toString())).contains("Verified OK");
        assertThat(Json.parse(Files.readAllBytes(payload)).path("critical").path("image").path("docker-manifest-digest")
            .asText()).isEqualTo(d.toString());

        // Theirs: an openssl key, a payload written by hand, pushed as a referrer and as cosign's legacy tag.
        Path key = home.resolve("ext.key");
        Path pub = home.resolve("ext.pub");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
        Digest plain = digestOf("plain", "1.0.0");
        String text = "{\"critical\":{\"identity\":{\"docker-reference\":\"" + hub.url().getAuthority() + "/plain\"},"
            + "\"image\":{\"docker-manifest-digest\":\"" + plain + "\"},\"type\":\"cosign container image signature\"},"
            + "\"optional\":{\"signed-by\":\"openssl\"}}";
        Files.writeString(home.resolve("ext.json"), text);
        run("openssl", "dgst", "-sha256", "-sign", key.toString(), "-out", home.resolve("ext.sig").toString(),
            home.resolve("ext.json").toString());
        EcliProcess before = ecli("verify", "plain:1.0.0", "--key", keys.resolve("alice.pub").toString());
        assertThat(before.exitCode()).isEqualTo(9);
        assertThat(before.errText()).contains("plain@1.0.0 is not trusted: unknown key");
        pushReferrer("plain", plain, manifest("plain", plain.toString()).length, text.getBytes(StandardCharsets.UTF_8),
            Files.readAllBytes(home.resolve("ext.sig")));
        EcliProcess verified = ok("verify", "plain:1.0.0", "--key", pub.toString());
        assertThat(verified.outText()).contains("signature   verified  ext", "trusted (");

        Digest execsnoop = digestOf("revoked", "1.0.0");
        String legacyText = text.replace(plain.toString(), execsnoop.toString()).replace("/plain", "/revoked");
        byte[] legacyPayload = legacyText.getBytes(StandardCharsets.UTF_8);
        Files.write(home.resolve("legacy.json"), legacyPayload);
        run("openssl", "dgst", "-sha256", "-sign", key.toString(), "-out", home.resolve("legacy.sig").toString(),
            home.resolve("legacy.json").toString());
        pushBlob("revoked", legacyPayload);
        byte[] config = "{\"architecture\":\"\",\"os\":\"\",\"config\":{}}".getBytes(StandardCharsets.UTF_8);
        pushBlob("revoked", config);
        String legacy = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
            + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":"
            + config.length + "},\"layers\":[{\"mediaType\":\"" + SimpleSigning.MEDIA_TYPE + "\",\"digest\":\""
            + Digest.sha256(legacyPayload) + "\",\"size\":" + legacyPayload.length + ",\"annotations\":{"
            + "\"dev.cosignproject.cosign/signature\":\"" + Base64.getEncoder().encodeToString(
            Files.readAllBytes(home.resolve("legacy.sig"))) + "\"}}]}";
        put("revoked", CosignArtifacts.legacyTag(execsnoop), legacy.getBytes(StandardCharsets.UTF_8));
        EcliProcess legacyVerified = ok("verify", "revoked:1.0.0", "--key", pub.toString(), "--verify", "require");
        assertThat(legacyVerified.outText()).contains("verified  ext", "tag sha256-" + execsnoop.hex() + ".sig");
    }

    @Test
    @Order(9)
    @Tag("kernel")
    void aPackageCopiedWithSkopeoKeepsItsSignatureInARegistryWithoutReferrers() throws Exception {
        KernelState.requireRoot();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = home.resolve("distribution");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yml"), "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + dir
            + "/data\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process registry = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            awaitPort(port);
            String to = "127.0.0.1:" + port + "/copied/sigsnoop";
            Digest d = digestOf("sigsnoop", "1.0.0");
            String from = hub.url().getAuthority() + "/sigsnoop";
            run("skopeo", "--insecure-policy", "copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false",
                "docker://" + from + ":1.0.0", "docker://" + to + ":1.0.0");
            // cosign's legacy tag is how a registry without referrers holds a signature: ecli signs that way there.
            ok("sign", to + ":1.0.0", "--key", keys.resolve("alice.key").toString());
            run("skopeo", "--insecure-policy", "copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false",
                "docker://" + to + ":" + CosignArtifacts.legacyTag(d), "docker://" + "127.0.0.1:" + port
                    + "/again/sigsnoop:" + CosignArtifacts.legacyTag(d));
            run("skopeo", "--insecure-policy", "copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false",
                "docker://" + to + ":1.0.0", "docker://127.0.0.1:" + port + "/again/sigsnoop:1.0.0");
            EcliProcess verified = ok("verify", "127.0.0.1:" + port + "/again/sigsnoop:1.0.0", "--key",
                keys.resolve("alice.pub").toString());
            assertThat(verified.outText()).contains(d.toString(), "verified  alice", "tag sha256-");
            ok("run", "127.0.0.1:" + port + "/again/sigsnoop:1.0.0", "--verify", "require", "--key",
                keys.resolve("alice.pub").toString(), "--duration", "1");
            EcliProcess untrusted = ecli("run", "127.0.0.1:" + port + "/again/sigsnoop:1.0.0", "--verify", "require",
                "--key", keys.resolve("bob.pub").toString(), "--duration", "1");
            assertThat(untrusted.exitCode()).as(untrusted.errText()).isEqualTo(9);
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A wasm module is a version like any other to trust: signed at push, attested by the hub's build, verified
     * (and rebuilt: the object it embeds) before it runs; an unsigned one is refused under require.
     */
    @Test
    @Order(10)
    @Tag("kernel")
    void wasmModulesAreSignedAttestedAndVerifiedLikePackages() throws Exception {
        KernelState.requireRoot();
        EcliProcess push = ok("push", TestPackages.ROOT.resolve("examples/proclife").toString(), "proclife:1.0.0",
            "--sign", keys.resolve("alice.key").toString());
        assertThat(push.outText()).contains("published proclife@1.0.0", "signed proclife@sha256:", "with alice");
        for (int i = 0; i < 100 && !hub.get("/api/v1/packages/proclife/-/versions/1.0.0/signatures")
            .contains("\"provenance\":{"); i++) {
            Thread.sleep(100);
        }
        EcliProcess verify = ok("verify", "proclife:1.0.0", "--rebuild");
        assertThat(verify.outText()).contains("signature   verified  alice", "provenance  verified  hub-",
            "rebuilt: the sources compile here to sha256:");
        EcliProcess run = ok("run", "proclife:1.0.0", "--verify", "require", "--duration", "1");
        assertThat(run.outText()).contains("LIFETIME_MS");
        ok("push", TestPackages.wasmExample("proclife").toString(), "unsigned-wasm:1.0.0");
        refused("no signature", "run", "unsigned-wasm:1.0.0", "--verify", "require", "--duration", "1");
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
