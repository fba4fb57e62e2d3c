package dev.ebpm.ecli.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.ebpm.ecli.output.EventPrinter;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where one {@code wasm_bpf_buffer_poll} delivers records: each is copied into the module's buffer (cut
 * to its size, as wasm-bpf does) and the module's {@code int sample(void *ctx, void *data, size_t size)}
 * is called through its function table with the record's full size. Set before each poll.
 */
final class GuestCallback implements EventPrinter {
    static final FunctionType SAMPLE = FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32),
        List.of(ValType.I32));

    private final Instance instance;
    private int function;
    private long ctx;
    private long data;
    private int maxSize;
    private byte[] scratch = new byte[0];

    GuestCallback(Instance instance) {
        this.instance = instance;
    }

    /** Checks the callback and the buffer, as {@code wasm_bpf_buffer_poll} passes them, before polling. */
    void target(String fn, long tableIndex, long ctx, long data, long maxSize) {
        if (maxSize < 0) {
            throw new AbiException(fn, "max_size " + maxSize + " is negative");
        }
        new GuestMemory(instance.memory(), fn).check(data, maxSize, "data buffer");
        int index;
        try {
            index = instance.table(0).requiredRef((int) tableIndex);
        } catch (RuntimeException e) {
            throw new AbiException(fn, "sample_func " + tableIndex + " is not in the module's function table");
        }
        FunctionType type = instance.type(instance.functionType(index));
        if (!type.equals(SAMPLE)) {
            throw new AbiException(fn, "sample_func " + tableIndex + " is " + type + ", not (i32, i32, i32) -> i32");
        }
        this.function = index;
        this.ctx = ctx & 0xffffffffL;
        this.data = data & 0xffffffffL;
        this.maxSize = (int) maxSize;
        if (scratch.length < maxSize) {
            scratch = new byte[(int) maxSize];
        }
    }

    @Override
    public void start() {
        // Nothing to print ahead of the records: the module prints what it likes.
    }

    @Override
    public void event(String map, ByteBuffer record, int offset, int size) {
        int n = Math.min(size, maxSize);
        record.get(offset, scratch, 0, n);
        instance.memory().write((int) data, scratch, 0, n);
        instance.getMachine().call(function, new long[] {ctx, data, Integer.toUnsignedLong(size)});
    }
}
