package dev.ebpm.compiler.worker;

/** The worker's exit codes: the ones every ebpm command shares, and one for a refused token. */
public final class ExitCodes {
    public static final int OK = dev.ebpm.format.options.ExitCodes.OK;
    /** The worker cannot work here: no usable toolchain, work directory or sandbox. */
    public static final int FAILED = dev.ebpm.format.options.ExitCodes.FAILED;
    /** The command line (or the environment standing in for it) was wrong. */
    public static final int USAGE = dev.ebpm.format.options.ExitCodes.USAGE;
    /** The registry refuses this worker's token (as ecli's exit code 4). */
    public static final int AUTH = 4;
    public static final int INTERNAL = dev.ebpm.format.options.ExitCodes.INTERNAL;

    private ExitCodes() {
    }
}
