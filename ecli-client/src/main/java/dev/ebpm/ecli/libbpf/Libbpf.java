package dev.ebpm.ecli.libbpf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * Checked access to libbpf: each call's result is checked, and a failure becomes a {@link BpfException}
 * naming what failed with libbpf's text for the error number (libbpf has errnos of its own, 4000 and up).
 */
public final class Libbpf {
    private Libbpf() {
    }

    /** libbpf's description of an error number, which also covers its private errnos. */
    public static String describe(int errno) {
        byte[] buf = new byte[256];
        NativeLibbpf.libbpf_strerror(errno, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** A pointer result: NULL means failure, and errno must be read before any other native call. */
    public static Pointer checkPointer(Pointer result, String what) {
        if (result == null) {
            int errno = Native.getLastError();
            throw new BpfException(what, errno == 0 ? Errno.EINVAL : errno);
        }
        return result;
    }

    /** An int result: negative is {@code -errno}. */
    public static int check(int result, String what) {
        if (result < 0) {
            throw new BpfException(what, -result);
        }
        return result;
    }

    /** Native memory holding {@code bytes}, for a call that reads them. */
    public static Memory copyOf(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    /** Zeroed native memory for an options struct whose first field is its size ({@code size_t sz}). */
    public static Memory opts(int size) {
        Memory m = new Memory(size);
        m.clear();
        m.setLong(0, size);
        return m;
    }
}
