package dev.ebpm.ecli;

/** ecli's exit codes: the ones every ebpm command shares, then ecli's own. */
public final class ExitCodes {
    public static final int OK = dev.ebpm.format.options.ExitCodes.OK;
    /** The program could not be loaded or run (bad package, verifier rejection, missing privileges, ...). */
    public static final int FAILED = dev.ebpm.format.options.ExitCodes.FAILED;
    /** The command line was wrong, including a bad value for a program flag. */
    public static final int USAGE = dev.ebpm.format.options.ExitCodes.USAGE;
    /** The registry has no such package, version or tag. */
    public static final int NOT_FOUND = 3;
    /** The registry wants a token, or refused the one given. */
    public static final int AUTH = 4;
    /** The registry could not be reached (or is down for now). */
    public static final int UNREACHABLE = 5;
    /** Downloaded or cached content is not what its digest says. */
    public static final int INTEGRITY = 6;
    /** A pushed build failed to compile. */
    public static final int BUILD_FAILED = 7;
    /** The registry's administrators removed this version (malware, a leaked secret, a legal request). */
    public static final int REMOVED = 8;
    /**
     * The trust policy refused the package: no signature, an unknown or revoked key, a bad signature, a
     * signature of another digest, conflicting signatures, or a reference the policy does not allow.
     */
    public static final int UNTRUSTED = 9;
    /** A bug in ecli. */
    public static final int INTERNAL = dev.ebpm.format.options.ExitCodes.INTERNAL;

    /** For help texts. */
    public static final String SUMMARY = "Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 auth required or "
        + "denied, 5 registry unreachable, 6 digest mismatch, 7 build failed, 8 version removed by the registry, "
        + "9 refused by the trust policy, 70 internal error.";

    private ExitCodes() {
    }
}
