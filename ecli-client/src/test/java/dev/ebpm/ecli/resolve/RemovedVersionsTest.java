package dev.ebpm.ecli.resolve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.options.HubOptions;
import dev.ebpm.ecli.registry.RemovedException;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.reference.PackageReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A version the registry's administrators removed: ecli refuses it with the registry's reason, deletes its
 * cached copy, and goes on refusing it offline. The registry is a small OCI server of the test's own,
 * answering as the hub does (410 and the error envelope).
 */
class RemovedVersionsTest {
    private static final String REMOVED = "{\"errors\":[{\"code\":\"VERSION_REMOVED\",\"message\":\"tool@1.0.0 was "
        + "removed from this registry on 2026-12-03: it mined coins\"}]}";

    @TempDir
    Path home;
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private volatile boolean removed;
    private final AtomicInteger manifestRequests = new AtomicInteger();
    private URI registry;
    private Digest manifest;

    @BeforeEach
    void start() throws Exception {
        byte[] ebpm = Files.readAllBytes(TestPackages.example("sigsnoop").resolveSibling("sigsnoop.ebpm"));
        EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(ebpm, "sigsnoop.ebpm", size -> { });
        var pkg = new dev.ebpm.format.codec.EbpmPackage(new dev.ebpm.format.codec.PackageInfo("tool", "1.0.0", null,
            null, java.util.List.of()), opened.pkg().meta(), opened.pkg().elf(), null);
        PackageArtifact a = PackageArtifact.of(pkg, opened.storedObject());
        manifest = Digest.sha256(a.manifest());
        served.put("/v2/tool/manifests/1.0.0", a.manifest());
        served.put("/v2/tool/manifests/" + manifest, a.manifest());
        served.put("/v2/tool/blobs/" + Digest.sha256(a.config()), a.config());
        served.put("/v2/tool/blobs/" + Digest.sha256(a.layer()), a.layer());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", this::answer);
        server.start();
        registry = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.contains("/manifests/")) {
            manifestRequests.incrementAndGet();
        }
        byte[] body = served.get(path);
        int status = body == null ? 404 : 200;
        if (removed && (path.contains("/manifests/") || path.contains("/blobs/"))) {
            body = REMOVED.getBytes(StandardCharsets.UTF_8);
            status = 410;
        }
        if (body == null) {
            body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no such thing\"}]}".getBytes();
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private PackageResolver resolver(boolean offline) {
        return new PackageResolver(new EcliConfig(home.resolve("config"), Map.of()), new PackageCache(home.resolve(
            "cache")), new PrintStream(PrintStream.nullOutputStream()), new HubOptions(registry.toString(),
            PullPolicy.MISSING, offline));
    }

    private static PackageReference ref(String text) {
        return PackageResolver.registryReference(text);
    }

    private long cachedBlobs() throws IOException {
        Path blobs = home.resolve("cache/blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** As if the last check with the registry was long ago. */
    private void forgetConfirmation() throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("cache/confirmed"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(f, "0");
            }
        }
    }

    @Test
    void aCachedCopyIsDeletedAndRefusedOnceTheRegistrySaysItWasRemoved() throws Exception {
        assertThat(resolver(false).resolve(ref("tool@1.0.0")).origin()).isEqualTo("tool@1.0.0");
        assertThat(cachedBlobs()).isEqualTo(3);
        int asked = manifestRequests.get();
        // Within the check interval a pinned run asks nobody.
        resolver(false).resolve(ref("tool@1.0.0"));
        assertThat(manifestRequests.get()).isEqualTo(asked);

        removed = true;
        forgetConfirmation();
        assertThatThrownBy(() -> resolver(false).resolve(ref("tool@1.0.0")))
            .isInstanceOfSatisfying(EcliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REMOVED))
            .hasMessage("tool@1.0.0 was removed from this registry on 2026-12-03: it mined coins (" + registry
                + "); ecli deleted its cached copy");
        assertThat(cachedBlobs()).isZero();
        // Offline, and by digest, ecli remembers why.
        assertThatThrownBy(() -> resolver(true).resolve(ref("tool@1.0.0"))).isInstanceOf(RemovedException.class)
            .hasMessageContaining("it mined coins");
        assertThatThrownBy(() -> resolver(true).resolve(ref("tool@" + manifest))).isInstanceOf(RemovedException.class);
    }

    @Test
    void aRemovedVersionNeverCachedIsRefusedWithTheReason() {
        removed = true;
        assertThatThrownBy(() -> resolver(false).resolve(ref("tool@1.0.0")))
            .isInstanceOfSatisfying(EcliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REMOVED))
            .hasMessage("tool@1.0.0 was removed from this registry on 2026-12-03: it mined coins (" + registry + ")");
        assertThatThrownBy(() -> resolver(true).resolve(ref("tool@1.0.0"))).isInstanceOf(RemovedException.class);
    }

    @Test
    void anUnreachableRegistryDoesNotStopACachedRun() throws Exception {
        resolver(false).resolve(ref("tool@1.0.0"));
        forgetConfirmation();
        server.stop(0);
        assertThat(resolver(false).resolve(ref("tool@1.0.0")).origin()).isEqualTo("tool@1.0.0");
    }
}
