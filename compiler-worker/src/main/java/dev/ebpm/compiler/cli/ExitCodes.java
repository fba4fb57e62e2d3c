package dev.ebpm.compiler.cli;

/** ecc's exit codes: the ones every ebpm command shares. */
public final class ExitCodes {
    public static final int OK = dev.ebpm.format.options.ExitCodes.OK;
    /** The compile failed: a clang error, no programs, a missing input, a missing tool. */
    public static final int FAILED = dev.ebpm.format.options.ExitCodes.FAILED;
    /** The command line was wrong. */
    public static final int USAGE = dev.ebpm.format.options.ExitCodes.USAGE;
    /** A bug in ecc; the message asks for a report. */
    public static final int INTERNAL = dev.ebpm.format.options.ExitCodes.INTERNAL;

    private ExitCodes() {
    }
}
