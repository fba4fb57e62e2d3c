package dev.ebpm.ecli.loader;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.LibbpfLog;
import dev.ebpm.ecli.loader.attach.Attachment;

import java.util.ArrayList;
import java.util.List;

/**
 * A BPF object in the kernel, with the attachments made for it. Closing it detaches everything (links all at
 * once, the rest in reverse order) and then closes the object, so nothing stays loaded.
 */
public final class LoadedObject implements AutoCloseable {
    private final Pointer object;
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final Memory elf;
    private final LibbpfLog log;
    private final List<Attachment> attachments = new ArrayList<>();
    private boolean closed;

    LoadedObject(Pointer object, Memory elf, LibbpfLog log) {
        this.object = object;
        this.elf = elf;
        this.log = log;
    }

    public LibbpfLog log() {
        return log;
    }

    public Pointer program(String programName) {
        return ObjectLookup.program(object, programName);
    }

    public int programFd(String programName) {
        return NativeLibbpf.bpf_program__fd(program(programName));
    }

    public int mapFd(String mapName) {
        return NativeLibbpf.bpf_map__fd(ObjectLookup.map(object, mapName));
    }

    /** The map's size as the kernel made it (ring buffers are rounded up to a power of two). */
    public int mapMaxEntries(String mapName) {
        return NativeLibbpf.bpf_map__max_entries(ObjectLookup.map(object, mapName));
    }

    /** Keeps an attachment so that closing detaches it. */
    public void add(Attachment attachment) {
        attachments.add(attachment);
    }

    public List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> detaching = new ArrayList<>();
        for (Attachment a : attachments) {
            if (a.detachesIndependently()) {
                Thread t = new Thread(a::close, "detach " + a.describe());
                t.start();
                detaching.add(t);
            }
        }
        for (int i = attachments.size() - 1; i >= 0; i--) {
            if (!attachments.get(i).detachesIndependently()) {
                attachments.get(i).close();
            }
        }
        joinAll(detaching);
        attachments.clear();
        NativeLibbpf.bpf_object__close(object);
    }

    /** Waits for every detach, even when interrupted: the object must not be closed under a live link. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
