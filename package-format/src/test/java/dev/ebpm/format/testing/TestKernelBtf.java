package dev.ebpm.format.testing;

/** Kernel BTF for tests of packages that carry it: the smallest valid raw BTF, told apart by a marker byte. */
public final class TestKernelBtf {
    private TestKernelBtf() {
    }

    /** Magic, version 1, flags 0, header length 24, empty type and string sections, then {@code marker}. */
    public static byte[] minimal(int marker) {
        byte[] b = new byte[25];
        b[0] = (byte) 0x9f;
        b[1] = (byte) 0xeb;
        b[2] = 1;
        b[4] = 24;
        b[24] = (byte) marker;
        return b;
    }
}
