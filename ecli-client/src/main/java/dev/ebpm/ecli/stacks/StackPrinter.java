package dev.ebpm.ecli.stacks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.jna.Memory;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.output.Clock;
import dev.ebpm.ecli.output.Output;
import dev.ebpm.ecli.output.SampleEntry;
import dev.ebpm.ecli.output.SampleSink;
import dev.ebpm.format.values.Decoders;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Prints a sample of a map that counts stacks (a CPU profiler's): the {@code top} most counted, most first,
 * each with its count, process and frames named by {@link KernelSymbols} and {@link UserSymbols}, innermost
 * first; with {@code --json}, one document per sample.
 */
public final class StackPrinter implements SampleSink {
    private static final JsonFactory JSON = new JsonFactory();
    private final Output out;
    private final String map;
    private final StackKey key;
    private final int stackMapFd;
    private final boolean json;
    private final Clock clock = new Clock();
    private final Supplier<KernelSymbols> kernel;
    private final UserSymbols user = new UserSymbols(Path.of("/proc"));
    private KernelSymbols kernelSymbols;

    public StackPrinter(Output out, String map, StackKey key, int stackMapFd, boolean json) {
        this.out = out;
        this.map = map;
        this.key = key;
        this.stackMapFd = stackMapFd;
        this.json = json;
        this.kernel = () -> KernelSymbols.load(Path.of("/proc/kallsyms"));
    }

    /** One counted stack, its frames named. */
    record Counted(long count, long pid, String comm, List<String> kernel, List<String> user) {
    }

    @Override
    public void sample(List<SampleEntry> entries) {
        user.forgetProcesses();
        List<SampleEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(this::count).reversed());
        List<Counted> top = new ArrayList<>();
        for (SampleEntry e : sorted.subList(0, Math.min(key.annotation().top(), sorted.size()))) {
            long pid = key.pid() == null ? -1 : integer(e.key(), key.pid());
            String comm = key.comm() == null ? null : key.comm().decoder().text(e.key(), key.comm().offset());
            top.add(new Counted(count(e), pid, comm, frames(e, key.kernel(), false, pid), frames(e, key.user(), true, pid)));
        }
        out.line(json ? json(top, entries.size()) : text(top, entries.size()));
        out.flush();
    }

    /** The value, a count of samples (StackKey checked it is an integer). */
    private long count(SampleEntry e) {
        return Decoders.readUnsigned(e.value(), 0, key.count().size());
    }

    /** An integer field of the key (StackKey checked it is one); stack ids are signed, negative for none. */
    private static long integer(ByteBuffer key, Decoders.Field f) {
        return Decoders.readSigned(key, f.offset(), f.decoder().size());
    }

    /** The named frames of the stack the field's id points at; null when the key has no such field. */
    private List<String> frames(SampleEntry e, Decoders.Field field, boolean userSpace, long pid) {
        if (field == null) {
            return null;
        }
        long id = integer(e.key(), field);
        List<String> out = new ArrayList<>();
        if (id < 0) {
            return out;
        }
        int size = (int) key.stackMap().valueSize();
        Memory k = new Memory(4);
        k.setInt(0, (int) id);
        Memory v = new Memory(Math.max(8, size));
        if (NativeLibbpf.bpf_map_lookup_elem(stackMapFd, k, v) != 0) {
            return out;
        }
        ByteBuffer ips = v.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= size; i += 8) {
            long ip = ips.getLong(i);
            if (ip == 0) {
                break;
            }
            String name = !userSpace ? kernelSymbols().name(ip) : pid >= 0 ? user.name((int) pid, ip) : null;
            out.add(name != null ? name : String.format("0x%016x", ip));
        }
        return out;
    }

    private KernelSymbols kernelSymbols() {
        if (kernelSymbols == null) {
            kernelSymbols = kernel.get();
        }
        return kernelSymbols;
    }

    private String text(List<Counted> top, int total) {
        StringBuilder b = new StringBuilder();
        b.append(clock.now()).append(' ').append(map).append(": the ").append(top.size()).append(" most sampled of ")
            .append(total).append(" stacks\n");
        for (Counted c : top) {
            b.append(String.format("%8d  %s%s%n", c.count, c.comm == null ? "" : c.comm,
                c.pid < 0 ? "" : " (pid " + c.pid + ")"));
            frames(b, "kernel", c.kernel);
            frames(b, "user", c.user);
        }
        return b.toString().stripTrailing();
    }

    private static void frames(StringBuilder b, String which, List<String> frames) {
        if (frames == null) {
            return;
        }
        if (frames.isEmpty()) {
            b.append("          (no ").append(which).append(" stack)\n");
            return;
        }
        b.append("          ").append(which).append(":\n");
        for (String f : frames) {
            b.append("            ").append(f).append('\n');
        }
    }

    private String json(List<Counted> top, int total) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", clock.now());
            g.writeStringField("map", map);
            g.writeNumberField("stacks_counted", total);
            g.writeArrayFieldStart("top");
            for (Counted c : top) {
                g.writeStartObject();
                g.writeNumberField("count", c.count);
                if (c.pid >= 0) {
                    g.writeNumberField("pid", c.pid);
                }
                if (c.comm != null) {
                    g.writeStringField("comm", c.comm);
                }
                array(g, "kernel", c.kernel);
                array(g, "user", c.user);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void array(JsonGenerator g, String name, List<String> frames) throws IOException {
        if (frames == null) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String f : frames) {
            g.writeString(f);
        }
        g.writeEndArray();
    }
}
