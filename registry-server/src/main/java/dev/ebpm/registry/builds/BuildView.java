package dev.ebpm.registry.builds;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A build as {@code GET /api/v1/builds/ID} shows it. */
public record BuildView(UUID id, String name, String version, String state, int attempts, String error, String log,
                        String sourceDigest, OffsetDateTime createdAt, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String packageVersion) {
    static BuildView from(Build b) {
        return new BuildView(b.id, b.packageName, b.version, b.state, b.attempts, b.error, b.log, b.sourceDigest,
            b.createdAt, b.startedAt, b.finishedAt, b.state.equals(Build.State.succeeded.name())
                ? "/api/v1/packages/" + b.packageName + "/-/versions/" + b.version : null);
    }
}
