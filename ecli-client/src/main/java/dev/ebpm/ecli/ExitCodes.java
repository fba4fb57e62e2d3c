package dev.ebpm.ecli;

/** ecli's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The program could not be loaded or run (bad package, verifier rejection, missing privileges, ...). */
    public static final int FAILED = 1;
    /** The command line was wrong, including a bad value for a program flag. */
    public static final int USAGE = 2;
    /** A bug in ecli. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
