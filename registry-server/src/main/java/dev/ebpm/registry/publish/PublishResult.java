package dev.ebpm.registry.publish;

import dev.ebpm.format.Digest;

/** What a publish did: the version, its manifest digest, and whether it was new. */
public record PublishResult(String name, String version, Digest manifestDigest, long versionId, boolean created) {
}
