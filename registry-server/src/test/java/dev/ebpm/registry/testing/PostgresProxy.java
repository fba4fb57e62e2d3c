package dev.ebpm.registry.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A TCP proxy in front of the test PostgreSQL that a test can cut and restore, so an outage is real: the
 * registry's connections break and new ones are refused. The datasource points at it, on its own database
 * ({@code ebpm_outage}: the test profile cleans its database at start). A test switches it through a
 * field of type {@code Consumer<Boolean>} the resource injects (a JDK type, the same in every class loader).
 */
public class PostgresProxy implements QuarkusTestResourceLifecycleManager {
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        new LocalServices().start();
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread accept = new Thread(this::accept, "postgres-proxy");
        accept.setDaemon(true);
        accept.start();
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + server.getLocalPort()
            + "/ebpm_outage");
    }

    private void setUp(boolean up) {
        this.up = up;
        if (!up) {
            open.forEach(PostgresProxy::close);
            open.clear();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    close(client);
                    continue;
                }
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), 5432);
                open.add(client);
                open.add(backend);
                pump(client, backend);
                pump(backend, client);
            } catch (IOException e) {
                // Closed, or one connection failed: keep serving the others.
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // The other side went away.
            } finally {
                close(from);
                close(to);
            }
        }, "postgres-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields((Consumer<Boolean>) this::setUp, new TestInjector.MatchesType(Consumer.class));
    }

    @Override
    public void stop() {
        setUp(false);
        close(server);
    }

    private static void close(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
