package dev.ebpm.registry.trust;

import dev.ebpm.format.Digest;
import dev.ebpm.format.provenance.BuildEnvironment;

import java.time.Instant;
import java.util.UUID;

/** What a finished build published, for the hub to attest: the build, its sources and environment, the result. */
public record ProvenanceRequest(String repository, String version, Digest manifestDigest, UUID buildId,
                                Digest sourceDigest, BuildEnvironment environment, Instant startedOn,
                                Instant finishedOn, Digest objectDigest) {
}
