package dev.ebpm.ecli;

/**
 * A failure ecli reports to its user as one line, with the exit code it should end with. Thrown from any
 * package (loading, attaching, fetching), so it lives outside the command-line classes.
 */
public class EcliException extends RuntimeException {
    private final int exitCode;

    public EcliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public EcliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static EcliException failed(String message) {
        return new EcliException(ExitCodes.FAILED, message);
    }

    public static EcliException usage(String message) {
        return new EcliException(ExitCodes.USAGE, message);
    }
}
