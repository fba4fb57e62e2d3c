package dev.ebpm.ecli.events;

import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.BpfException;
import dev.ebpm.ecli.libbpf.Errno;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.output.Output;

import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a perf event array through libbpf's perf buffer (one JNA callback per event; the callbacks run on
 * the polling thread). Lost samples are counted and reported at exit. The callbacks are fields, so they
 * stay reachable while libbpf holds them.
 */
public final class PerfBufferSource implements EventSource {
    /** Pages per CPU, as eunomia's ecli uses. */
    public static final int PAGES_PER_CPU = 64;
    private static final int POLL_MS = 100;

    private final String map;
    private final EventPrinter printer;
    private final Output output;
    private final AtomicLong lost = new AtomicLong();
    private final NativeLibbpf.PerfSampleCallback sample = this::sample;
    private final NativeLibbpf.PerfLostCallback lostCallback = (ctx, cpu, count) -> lost.addAndGet(count);
    private Pointer buffer;
    private volatile RuntimeException callbackError;

    public PerfBufferSource(String map, int fd, EventPrinter printer, Output output) {
        this.map = map;
        this.printer = printer;
        this.output = output;
        try {
            this.buffer = Libbpf.checkPointer(NativeLibbpf.perf_buffer__new(fd, PAGES_PER_CPU, sample, lostCallback, null,
                null), "cannot open the perf buffer of map " + map);
        } catch (BpfException e) {
            throw EcliException.failed(e.getMessage());
        }
    }

    private void sample(Pointer ctx, int cpu, Pointer data, int size) {
        try {
            printer.event(map, data.getByteBuffer(0, Integer.toUnsignedLong(size)).order(ByteOrder.LITTLE_ENDIAN), 0,
                size);
        } catch (RuntimeException e) {
            // Never unwind through libbpf's C frames; the poll loop rethrows it.
            if (callbackError == null) {
                callbackError = e;
            }
        }
    }

    @Override
    public String name() {
        return map;
    }

    @Override
    public void run(RunControl control) {
        try {
            while (control.running()) {
                int rc = NativeLibbpf.perf_buffer__poll(buffer, POLL_MS);
                if (callbackError != null) {
                    throw callbackError;
                }
                if (rc < 0 && -rc != Errno.EINTR) {
                    throw EcliException.failed("polling the perf buffer of " + map + " failed: " + Libbpf.describe(-rc));
                }
                output.flush();
            }
        } finally {
            free();
        }
    }

    /** One {@code perf_buffer__poll} for a caller that loops by itself (a wasm module); returns libbpf's result. */
    public int pollOnce(int timeoutMs) {
        int rc = NativeLibbpf.perf_buffer__poll(buffer, timeoutMs);
        RuntimeException e = callbackError;
        if (e != null) {
            callbackError = null;
            throw e;
        }
        return rc;
    }

    @Override
    public synchronized void free() {
        if (buffer != null) {
            NativeLibbpf.perf_buffer__free(buffer);
            buffer = null;
        }
    }

    @Override
    public long lost() {
        return lost.get();
    }
}
