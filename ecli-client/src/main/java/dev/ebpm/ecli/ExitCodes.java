package dev.ebpm.ecli;

/** ecli's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The program could not be loaded or run (bad package, verifier rejection, missing privileges, ...). */
    public static final int FAILED = 1;
    /** The command line was wrong, including a bad value for a program flag. */
    public static final int USAGE = 2;
    /** The registry has no such package, version or tag. */
    public static final int NOT_FOUND = 3;
    /** The registry wants a token, or refused the one given. */
    public static final int AUTH = 4;
    /** The registry could not be reached. */
    public static final int UNREACHABLE = 5;
    /** Downloaded or cached content is not what its digest says. */
    public static final int INTEGRITY = 6;
    /** A pushed build failed to compile. */
    public static final int BUILD_FAILED = 7;
    /** A bug in ecli. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
