package dev.ebpm.format.http;

/**
 * A call to a registry that did not give a usable answer: none at all ({@link Kind#UNREACHABLE}), a body cut
 * short or larger than allowed, one that is not what was asked for, or an error status with what the
 * registry said ({@link #error()}).
 */
public class RegistryCallException extends Exception {
    public enum Kind { UNREACHABLE, CUT, TOO_LARGE, UNREADABLE, ERROR }

    private final Kind kind;
    private final ApiError error;

    public RegistryCallException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.error = null;
    }

    public RegistryCallException(ApiError error) {
        super(error.describe());
        this.kind = Kind.ERROR;
        this.error = error;
    }

    public Kind kind() {
        return kind;
    }

    /** What the registry said, for {@link Kind#ERROR}; null otherwise. */
    public ApiError error() {
        return error;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return error == null ? 0 : error.status();
    }

    /** Whether the same call may succeed later: no answer, a cut body, or a transient status. */
    public boolean retryable() {
        return kind == Kind.UNREACHABLE || kind == Kind.CUT || error != null && error.transientFailure();
    }
}
