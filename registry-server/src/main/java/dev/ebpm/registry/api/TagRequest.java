package dev.ebpm.registry.api;

import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.Inputs;

/** Body of {@code PUT …/-/tags/TAG}: the version the tag points at. */
public record TagRequest(String version) {
    /** The version, parsed as it enters (400 VERSION_INVALID); a body without one is a 400 too. */
    static SemVer versionOf(TagRequest request) {
        if (request == null || request.version() == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "send {\"version\": \"X.Y.Z\"}");
        }
        return Inputs.version(request.version());
    }
}
