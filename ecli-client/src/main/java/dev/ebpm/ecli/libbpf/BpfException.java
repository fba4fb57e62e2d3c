package dev.ebpm.ecli.libbpf;

/**
 * A libbpf call that failed: what ecli was doing, on which object (program, map, interface), and the
 * error number with libbpf's description of it.
 */
public final class BpfException extends RuntimeException {
    private final int errno;

    public BpfException(String what, int errno) {
        super(what + ": " + Libbpf.describe(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
