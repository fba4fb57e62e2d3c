package dev.ebpm.ecli.wasm;

import com.dylibso.chicory.runtime.Memory;

import java.nio.charset.StandardCharsets;

/**
 * A module's linear memory as one host function sees it: every pointer and length the module passes is
 * checked against the memory's current size before a byte is read or written, and a bad one is an
 * {@link AbiException} naming the function.
 */
final class GuestMemory {
    /** The longest C string a host function reads (program and map names, attach targets). */
    static final int MAX_STRING = 4096;

    private final Memory memory;
    private final String function;

    GuestMemory(Memory memory, String function) {
        this.memory = memory;
        this.function = function;
    }

    private long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    /** Checks that {@code [address, address + length)} lies in memory; the address is an unsigned 32-bit value. */
    int check(long address, long length, String what) {
        long addr = address & 0xffffffffL;
        if (length < 0 || addr + length > size()) {
            throw new AbiException(function, what + " at 0x" + Long.toHexString(addr) + " (" + length
                + " bytes) is outside the module's memory (" + size() + " bytes)");
        }
        return (int) addr;
    }

    byte[] read(long address, int length, String what) {
        return memory.readBytes(check(address, length, what), length);
    }

    void write(long address, byte[] bytes, int length, String what) {
        memory.write(check(address, length, what), bytes, 0, length);
    }

    /** A NUL-terminated UTF-8 string of at most {@link #MAX_STRING} bytes; a null pointer is null. */
    String cString(long address, String what) {
        if ((address & 0xffffffffL) == 0) {
            return null;
        }
        int at = check(address, 1, what);
        long end = Math.min(size(), (long) at + MAX_STRING + 1);
        for (long i = at; i < end; i++) {
            if (memory.read((int) i) == 0) {
                return new String(memory.readBytes(at, (int) (i - at)), StandardCharsets.UTF_8);
            }
        }
        throw new AbiException(function, what + " at 0x" + Integer.toHexString(at) + " is not a NUL-terminated "
            + "string within " + MAX_STRING + " bytes of memory");
    }
}
