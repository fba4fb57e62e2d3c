package dev.ebpm.ecli.events;

import com.sun.jna.Memory;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.output.SampleEntry;
import dev.ebpm.ecli.output.SampleSink;
import dev.ebpm.format.meta.MapSample;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every entry of a {@code @sample} map each interval and prints it, in key order; with
 * {@code clear_map} the entries read are deleted after printing, so each sample covers one interval.
 * Per-CPU maps show the first CPU's value.
 */
public final class MapSampler implements EventSource {
    private final String map;
    private final int fd;
    private final int keySize;
    private final int valueSize;
    private final int valueStride;
    private final MapSample sample;
    private final SampleSink printer;

    public MapSampler(String map, int fd, int keySize, int valueSize, boolean perCpu, MapSample sample,
                      SampleSink printer) {
        this.map = map;
        this.fd = fd;
        this.keySize = keySize;
        this.valueSize = valueSize;
        int stride = (valueSize + 7) & ~7;
        this.valueStride = perCpu ? stride * NativeLibbpf.libbpf_num_possible_cpus() : valueSize;
        this.sample = sample;
        this.printer = printer;
    }

    @Override
    public String name() {
        return map;
    }

    @Override
    public void run(RunControl control) {
        long next = System.currentTimeMillis() + sample.interval();
        while (control.running()) {
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(Math.min(wait, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            next += Math.max(1, sample.interval());
            sampleOnce();
        }
    }

    /** Reads and prints the map once. */
    public void sampleOnce() {
        List<byte[]> keys = keys();
        List<SampleEntry> entries = new ArrayList<>();
        Memory key = new Memory(Math.max(1, keySize));
        Memory value = new Memory(Math.max(1, valueStride));
        for (byte[] k : keys) {
            key.write(0, k, 0, k.length);
            if (NativeLibbpf.bpf_map_lookup_elem(fd, key, value) == 0) {
                entries.add(new SampleEntry(ByteBuffer.wrap(k).order(ByteOrder.LITTLE_ENDIAN),
                    ByteBuffer.wrap(value.getByteArray(0, valueSize)).order(ByteOrder.LITTLE_ENDIAN)));
            }
        }
        printer.sample(entries);
        if (sample.clearMapOrDefault()) {
            for (byte[] k : keys) {
                key.write(0, k, 0, k.length);
                NativeLibbpf.bpf_map_delete_elem(fd, key);
            }
        }
    }

    private List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        Memory prev = null;
        Memory next = new Memory(Math.max(1, keySize));
        while (NativeLibbpf.bpf_map_get_next_key(fd, prev, next) == 0) {
            keys.add(next.getByteArray(0, keySize));
            if (prev == null) {
                prev = new Memory(Math.max(1, keySize));
            }
            prev.write(0, keys.get(keys.size() - 1), 0, keySize);
            if (keys.size() > 1_000_000) {
                break;
            }
        }
        keys.sort(MapSampler::compareLittleEndian);
        return keys;
    }

    /** Orders keys as little-endian numbers: most significant (last) byte first. */
    static int compareLittleEndian(byte[] a, byte[] b) {
        for (int i = Math.min(a.length, b.length) - 1; i >= 0; i--) {
            int c = Integer.compare(Byte.toUnsignedInt(a[i]), Byte.toUnsignedInt(b[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public void free() {
        // Nothing is held between samples.
    }

    @Override
    public long lost() {
        return 0;
    }
}
