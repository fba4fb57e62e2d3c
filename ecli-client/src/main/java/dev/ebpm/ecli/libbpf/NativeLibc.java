package dev.ebpm.ecli.libbpf;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few libc calls ecli needs (mapping ring buffers, formatting libbpf's messages, interfaces, mounts). */
@SuppressWarnings("checkstyle:MethodName")
public final class NativeLibc {
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final short POLLIN = 0x1;

    static {
        Native.register(NativeLibc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private NativeLibc() {
    }

    public static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    public static native int munmap(Pointer addr, long length);

    /** {@code struct pollfd {int fd; short events; short revents;}} array of {@code nfds}. */
    public static native int poll(Pointer fds, long nfds, int timeoutMs);

    public static native int vsnprintf(Pointer buf, long size, Pointer format, Pointer args);

    public static native int if_nametoindex(String name);

    /** {@code open(2)} without a mode (no O_CREAT): -1 and errno on failure. */
    public static native int open(String path, int flags);

    public static native int close(int fd);

    public static native int mount(String source, String target, String fsType, long flags, Pointer data);

    public static native int getpagesize();
}
