package dev.ebpm.registry.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the real PostgreSQL and S3 server the tests use are running ({@code scripts/services.sh start},
 * idempotent), so {@code mvn verify} works on its own as well as under {@code scripts/test.sh}.
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Path script = Path.of("..", "scripts", "services.sh").toAbsolutePath().normalize();
        try {
            Process p = new ProcessBuilder(script.toString(), "start").inheritIO().start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " start failed: the tests need PostgreSQL and s3proxy");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // Left running: other test runs and modules use the same services; scripts/services.sh stop ends them.
    }
}
