package dev.ebpm.ecli.libbpf;

/** The error numbers ecli reacts to. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ESRCH = 3;
    public static final int EOPNOTSUPP = 95;

    private Errno() {
    }
}
