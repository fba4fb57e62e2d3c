package dev.ebpm.registry.api;

/** Body of {@code DELETE …/-/versions/V}: why the version is taken down (required, shown to everyone who asks). */
public record RemovalRequest(String reason) {
    static String reasonOf(RemovalRequest request) {
        return request == null ? null : request.reason();
    }
}
