package dev.ebpm.compiler.cli;

/** ecc's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The compile failed: a clang error, no programs, a missing input, a missing tool. */
    public static final int FAILED = 1;
    /** The command line was wrong (picocli's usage code). */
    public static final int USAGE = 2;
    /** A bug in ecc; the message asks for a report. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
