package dev.ebpm.format.http;

import com.sun.net.httpserver.HttpServer;
import dev.ebpm.format.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a small HTTP server in the test: what the client reads, refuses and says. */
class RegistryHttpClientTest {
    private HttpServer server;
    private RegistryHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> reply(ex, 200, "hello"));
        server.createContext("/busy", ex -> {
            ex.getResponseHeaders().add("Retry-After", "7");
            reply(ex, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"the database is unavailable\"}]}");
        });
        server.createContext("/proxy", ex -> reply(ex, 502, "<html>bad gateway</html>"));
        server.createContext("/cut", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("only a little".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        server.start();
        client = new RegistryHttpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Test
    void aBodyComesWithItsDigest() throws Exception {
        RegistryHttpClient.Reply r = client.send(client.request("/ok").GET().build(), 100, n -> { }).requireOk();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(r.digest()).isEqualTo(Digest.sha256("hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theErrorEnvelopeIsDecoded() throws Exception {
        RegistryHttpClient.Reply r = client.send(client.request("/busy").GET().build(), 100, n -> { });
        ApiError e = r.error();
        assertThat(e).isEqualTo(new ApiError(503, "UNAVAILABLE", "the database is unavailable", 7));
        assertThat(e.transientFailure()).isTrue();
        RegistryCallException thrown = org.junit.jupiter.api.Assertions.assertThrows(RegistryCallException.class,
            r::requireOk);
        assertThat(thrown.retryable()).isTrue();
        assertThat(client.send(client.request("/proxy").GET().build(), 100, n -> { }).error().describe())
            .isEqualTo("HTTP 502");
    }

    @Test
    void tooLargeCutAndUnreachableAreToldApart() throws Exception {
        assertThatThrownBy(() -> client.send(client.request("/ok").GET().build(), 3, n -> { }))
            .isInstanceOfSatisfying(RegistryCallException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryCallException.Kind.TOO_LARGE));
        assertThatThrownBy(() -> client.send(client.request("/cut").GET().build(), 5000, n -> { }))
            .isInstanceOfSatisfying(RegistryCallException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryCallException.Kind.CUT));
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        RegistryHttpClient nowhere = new RegistryHttpClient(URI.create("http://127.0.0.1:" + free), Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.send(nowhere.request("/").GET().build(), 10, n -> { }))
            .isInstanceOfSatisfying(RegistryCallException.class, e -> {
                assertThat(e.kind()).isEqualTo(RegistryCallException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).isEqualTo("cannot reach the registry at http://127.0.0.1:" + free
                    + " (connection refused: is it running?)").doesNotContain("Exception");
            });
    }
}
