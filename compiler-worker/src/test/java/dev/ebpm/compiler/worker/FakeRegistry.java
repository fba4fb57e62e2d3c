package dev.ebpm.compiler.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker API of a registry, answered by a small HTTP server in the test: each path answers from a queue
 * of canned replies (the last one repeats), and every request is recorded, so a test can see what a worker
 * sent and how often.
 */
final class FakeRegistry implements AutoCloseable {
    record Reply(int status, String body) {
    }

    record Seen(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(e -> e.getValue().get(0)).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Seen> seen = new ArrayList<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Replies for requests whose path ends with {@code suffix}, in order; the last one repeats. */
    FakeRegistry on(String suffix, Reply... answers) {
        replies.put(suffix, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    synchronized List<Seen> seen(String suffix) {
        return seen.stream().filter(s -> s.path().endsWith(suffix)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        synchronized (this) {
            seen.add(new Seen(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body));
        }
        Reply r = replies.entrySet().stream().filter(e -> path.endsWith(e.getKey())).findFirst()
            .map(e -> e.getValue().size() > 1 ? e.getValue().poll() : e.getValue().peek())
            .orElse(new Reply(404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no such endpoint\"}]}"));
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), r.status() == 204 ? -1 : out.length);
        if (r.status() != 204) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        }
        ex.close();
    }

    static String leaseJson(Lease l) {
        return "{\"build\":\"" + l.build() + "\",\"lease\":\"" + l.lease() + "\",\"name\":\"" + l.name()
            + "\",\"version\":\"" + l.version() + "\",\"attempt\":" + l.attempt() + ",\"expiresAt\":\""
            + l.expiresAt() + "\",\"sources\":\"" + l.sources() + "\",\"sourceDigest\":\"" + l.sourceDigest() + "\"}";
    }

    static Reply error(int status, String code, String message) {
        return new Reply(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
