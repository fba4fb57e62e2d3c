package dev.ebpm.registry.error;

import java.util.Map;

/** A failure the client caused or must know about: an HTTP status, a code and a one-line message. */
public class ApiException extends RuntimeException {
    private final int status;
    private final ErrorCode code;
    private final Map<String, String> headers;

    public ApiException(int status, ErrorCode code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public ApiException(int status, ErrorCode code, String message) {
        this(status, code, message, Map.of());
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(ErrorCode code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(ErrorCode code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(ErrorCode code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, ErrorCode.SIZE_INVALID, message);
    }

    public static ApiException packageUnknown(String name) {
        return notFound(ErrorCode.NAME_UNKNOWN, "no package named " + name);
    }

    public static ApiException versionUnknown(String name, String version) {
        return notFound(ErrorCode.VERSION_UNKNOWN, name + " has no version " + version);
    }

    public static ApiException unauthorized(String message, String challenge) {
        return new ApiException(401, ErrorCode.UNAUTHORIZED, message, Map.of("WWW-Authenticate", challenge));
    }

    /** A passing outage: the client may repeat the request after {@code retryAfterSeconds}. */
    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, ErrorCode.UNAVAILABLE, message,
            Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCode.DENIED, message);
    }
}
