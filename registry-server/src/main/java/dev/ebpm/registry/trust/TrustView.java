package dev.ebpm.registry.trust;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a version's signatures say, checked against the keys this hub knows: each signature (whose key,
 * when it was attached, whether it holds and if not why), and the hub's build provenance when there is one.
 * {@code verified} is the catalog's badge: at least one signature holds and none conflicts.
 */
public record TrustView(boolean verified, List<SignatureView> signatures, ProvenanceView provenance) {
    public record SignatureView(String kind, String keyFingerprint, String keyName, String keyKind, boolean verified,
                                String problem, String origin, OffsetDateTime attachedAt) {
    }

    public record ProvenanceView(String buildId, String sourceDigest, String builderId, String worker,
                                 Map<String, String> tools, Map<String, String> sandbox, Instant startedOn,
                                 Instant finishedOn, String keyFingerprint, boolean verified) {
    }

    public static final TrustView NONE = new TrustView(false, List.of(), null);
}
