package dev.ebpm.format.options;

/**
 * The exit codes every ebpm command shares (picocli's and sysexits' meanings); each command adds its own
 * above 2 where it has more to say.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** The work could not be done: one line on stderr says why. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** A bug: the message asks for a report (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
