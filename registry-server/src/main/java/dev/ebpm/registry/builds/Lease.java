package dev.ebpm.registry.builds;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What a worker gets when it leases a build: where the sources are and until when the lease holds. */
public record Lease(UUID build, UUID lease, String name, String version, int attempt, OffsetDateTime expiresAt,
                    String sources, String sourceDigest) {
}
