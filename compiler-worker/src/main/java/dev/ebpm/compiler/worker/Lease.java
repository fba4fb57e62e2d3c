package dev.ebpm.compiler.worker;

import dev.ebpm.format.Digest;
import dev.ebpm.format.json.JsonFields;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A build the registry leased to this worker (the JSON of {@code POST /api/v1/worker/lease}). */
public record Lease(UUID build, UUID lease, String name, String version, int attempt, OffsetDateTime expiresAt,
                    String sources, Digest sourceDigest) {
    static Lease read(JsonFields f) {
        return new Lease(UUID.fromString(f.requiredString("build")), UUID.fromString(f.requiredString("lease")),
            f.requiredString("name"), f.requiredString("version"), (int) f.requiredInteger("attempt", 0, 1000),
            OffsetDateTime.parse(f.requiredString("expiresAt")), f.requiredString("sources"),
            Digest.parse(f.requiredString("sourceDigest")));
    }
}
