package dev.ebpm.registry.health;

import dev.ebpm.registry.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the blob bucket can be reached: without it no package can be served. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private final ObjectStore store;

    StorageHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("object storage").status(store.reachable()).build();
    }
}
