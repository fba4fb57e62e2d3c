package dev.ebpm.compiler;

/**
 * A compile that cannot succeed, with a one-line reason. {@code details} holds what the user needs to
 * act on it (clang's diagnostics, say) and is printed before the reason; it may be empty.
 */
public final class CompileException extends Exception {
    private final String details;

    public CompileException(String message) {
        this(message, "", null);
    }

    public CompileException(String message, String details) {
        this(message, details, null);
    }

    public CompileException(String message, String details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? "" : details;
    }

    public String details() {
        return details;
    }
}
