package dev.ebpm.ecli.events;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.Errno;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.output.Output;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a BPF ring buffer by mapping it into the JVM, the way libbpf does, so no native call is made per
 * event: the consumer page is mapped read-write at offset 0, the producer page and the data area (mapped
 * twice, so a record never wraps) read-only after it. Each record has an 8-byte header whose length word
 * carries a busy bit and a discard bit; records are 8-byte aligned. Positions are read with acquire and
 * written with release ordering. When the ring is empty the thread waits in {@code poll(2)} on the map.
 */
public final class RingBufferSource implements EventSource {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BUSY = 1 << 31;
    private static final int DISCARD = 1 << 30;
    private static final int HEADER = 8;
    private static final int POLL_MS = 100;

    private final String map;
    private final int fd;
    private final EventPrinter printer;
    private final Output output;
    private final long pageSize;
    private final long dataSize;
    private Pointer consumerPage;
    private Pointer producerPages;
    private final ByteBuffer consumer;
    private final ByteBuffer data;
    private final long mask;

    public RingBufferSource(String map, int fd, int maxEntries, EventPrinter printer, Output output) {
        this.map = map;
        this.fd = fd;
        this.printer = printer;
        this.output = output;
        this.pageSize = NativeLibc.getpagesize();
        this.dataSize = Integer.toUnsignedLong(maxEntries);
        this.mask = dataSize - 1;
        consumerPage = mmap(pageSize, NativeLibc.PROT_READ | NativeLibc.PROT_WRITE, 0);
        try {
            producerPages = mmap(pageSize + 2 * dataSize, NativeLibc.PROT_READ, pageSize);
        } catch (EcliException e) {
            NativeLibc.munmap(consumerPage, pageSize);
            throw e;
        }
        consumer = consumerPage.getByteBuffer(0, pageSize).order(ByteOrder.LITTLE_ENDIAN);
        data = producerPages.getByteBuffer(0, pageSize + 2 * dataSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Pointer mmap(long length, int prot, long offset) {
        Pointer p = NativeLibc.mmap(null, length, prot, NativeLibc.MAP_SHARED, fd, offset);
        if (p == null || Pointer.nativeValue(p) == -1L) {
            int errno = com.sun.jna.Native.getLastError();
            throw EcliException.failed("cannot map ring buffer " + map + " into memory: errno " + errno);
        }
        return p;
    }

    @Override
    public String name() {
        return map;
    }

    @Override
    public void run(RunControl control) {
        Memory pollfd = new Memory(8);
        pollfd.setInt(0, fd);
        pollfd.setShort(4, NativeLibc.POLLIN);
        try {
            while (control.running()) {
                if (drain() == 0) {
                    output.flush();
                    pollfd.setShort(6, (short) 0);
                    int rc = NativeLibc.poll(pollfd, 1, POLL_MS);
                    if (rc < 0 && com.sun.jna.Native.getLastError() != Errno.EINTR) {
                        throw EcliException.failed("waiting on ring buffer " + map + " failed");
                    }
                }
            }
            drain();
            output.flush();
        } finally {
            free();
        }
    }

    /**
     * One round for a caller that loops by itself (a wasm module's {@code wasm_bpf_buffer_poll}): hands over
     * what is there, or waits up to {@code timeoutMs} for records and hands those over. Returns how many.
     */
    public int pollOnce(int timeoutMs) {
        int count = drain();
        if (count > 0 || timeoutMs == 0) {
            return count;
        }
        try (Memory pollfd = new Memory(8)) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, NativeLibc.POLLIN);
            pollfd.setShort(6, (short) 0);
            int rc = NativeLibc.poll(pollfd, 1, timeoutMs);
            if (rc < 0 && com.sun.jna.Native.getLastError() != Errno.EINTR) {
                throw EcliException.failed("waiting on ring buffer " + map + " failed");
            }
        }
        return drain();
    }

    /** Hands every complete record to the printer; returns how many were read. */
    int drain() {
        long cons = (long) LONG.getAcquire(consumer, 0);
        long prod = (long) LONG.getAcquire(data, 0);
        int count = 0;
        while (cons < prod) {
            int header = (int) (pageSize + (cons & mask));
            int len = (int) INT.getAcquire(data, header);
            if ((len & BUSY) != 0) {
                break;
            }
            int size = len & ~(BUSY | DISCARD);
            if ((len & DISCARD) == 0) {
                printer.event(map, data, header + HEADER, size);
                count++;
            }
            cons += (size + HEADER + 7) & ~7L;
            LONG.setRelease(consumer, 0, cons);
        }
        return count;
    }

    @Override
    public synchronized void free() {
        if (producerPages != null) {
            NativeLibc.munmap(producerPages, pageSize + 2 * dataSize);
            NativeLibc.munmap(consumerPage, pageSize);
            producerPages = null;
            consumerPage = null;
        }
    }

    @Override
    public long lost() {
        return 0;
    }
}
