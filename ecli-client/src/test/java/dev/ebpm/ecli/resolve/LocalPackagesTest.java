package dev.ebpm.ecli.resolve;

import com.sun.net.httpserver.HttpServer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.testing.TestPackages;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Packages come from files in each format, from standard input and from http URLs; bad ones are one line. */
class LocalPackagesTest {
    private static LoadedPackage load(String text, java.io.InputStream stdin) {
        return (LoadedPackage) LocalPackages.load(PackageResolver.reference(text), stdin);
    }

    /** A module is told by its header wherever it comes from, and runs under the name its source gives it. */
    @Test
    void aWasmModuleIsLoadedAsOneFromAFileStandardInputOrAUrl() throws Exception {
        byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0};
        Path file = Files.createTempFile("tool", ".bin");
        Files.write(file, module);
        Loaded fromFile = LocalPackages.load(PackageResolver.reference(file.toString()), System.in);
        assertThat(fromFile).isInstanceOf(LoadedModule.class);
        assertThat(((LoadedModule) fromFile).name()).isEqualTo(file.getFileName().toString());
        assertThat(((LoadedModule) fromFile).bytes()).isEqualTo(module);
        Loaded fromStdin = LocalPackages.load(PackageResolver.reference("-"), new ByteArrayInputStream(module));
        assertThat(((LoadedModule) fromStdin).name()).isEqualTo("app.wasm");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tools/proclife.wasm", x -> {
            x.sendResponseHeaders(200, module.length);
            x.getResponseBody().write(module);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tools/proclife.wasm";
            LoadedModule fromUrl = (LoadedModule) LocalPackages.load(PackageResolver.reference(url), System.in);
            assertThat(fromUrl.name()).isEqualTo("proclife.wasm");
            assertThat(fromUrl.bytes()).isEqualTo(module);
            assertThat(fromUrl.origin()).isEqualTo(url);
        } finally {
            server.stop(0);
        }
    }

    private static Path dir() {
        return TestPackages.example("sigsnoop").getParent();
    }

    @Test
    void everyFormatGivesTheSameProgram() throws Exception {
        LoadedPackage json = load(dir().resolve("package.json").toString(), System.in);
        LoadedPackage ebpm = load(dir().resolve("sigsnoop.ebpm").toString(), System.in);
        LoadedPackage stdin = load("-", new ByteArrayInputStream(Files.readAllBytes(dir()
            .resolve("package.json"))));
        assertThat(ebpm.elf()).isEqualTo(json.elf());
        assertThat(ebpm.meta()).isEqualTo(json.meta());
        assertThat(stdin.meta()).isEqualTo(json.meta());
        assertThat(ebpm.info().name()).isEqualTo("sigsnoop");
        assertThat(json.displayName()).isEqualTo("sigsnoop");
        Path yaml = Files.createTempFile("pkg", ".yaml");
        Files.write(yaml, EunomiaPackageCodec.writeYaml(EunomiaPackageCodec.readJson(
            Files.readAllBytes(dir().resolve("package.json")), "p")));
        assertThat(load(yaml.toString(), System.in).meta()).isEqualTo(json.meta());
    }

    @Test
    void packagesComeFromHttpUrls() throws Exception {
        byte[] body = Files.readAllBytes(dir().resolve("package.json"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pkg/package.json", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(load(base + "/pkg/package.json", System.in).elf()).isNotEmpty();
            assertThatThrownBy(() -> load(base + "/nope", System.in))
                .hasMessage(base + "/nope: the server answered HTTP 404");
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> load("http://127.0.0.1:1/package.json", System.in))
            .isInstanceOf(EcliException.class)
            .hasMessage("cannot fetch http://127.0.0.1:1/package.json: connection refused");
    }

    @Test
    void badInputsAreOneLine() throws Exception {
        assertThatThrownBy(() -> load("/nonexistent/package.json", System.in))
            .hasMessage("/nonexistent/package.json: no such file");
        Path garbage = Files.createTempFile("pkg", ".json");
        Files.writeString(garbage, "{\"bpf_object\": 1}");
        assertThatThrownBy(() -> load(garbage.toString(), System.in))
            .hasMessage("bad package: " + garbage + ": bpf_object: expected a string, found the number 1");
        assertThatThrownBy(() -> load("-", new ByteArrayInputStream(new byte[0])))
            .hasMessage("standard input is empty; expected a package");
    }
}
