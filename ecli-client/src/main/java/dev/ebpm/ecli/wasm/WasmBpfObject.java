package dev.ebpm.ecli.wasm;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.events.PerfBufferSource;
import dev.ebpm.ecli.events.RingBufferSource;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.ecli.loader.LoadedObject;
import dev.ebpm.ecli.loader.attach.AttachPlan;
import dev.ebpm.ecli.loader.attach.AutoAttach;
import dev.ebpm.ecli.loader.attach.CgroupAttach;
import dev.ebpm.ecli.loader.attach.XdpAttach;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.MapType;
import dev.ebpm.format.object.ProgramInfo;
import dev.ebpm.format.object.SectionKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One BPF object a module loaded through {@code wasm_load_bpf_object}: the object in the kernel, its maps by
 * file descriptor (the only descriptors the module may operate on), and the ring or perf buffer opened on
 * its first poll of a map. Closing it frees the buffers, detaches and closes the object.
 */
final class WasmBpfObject implements AutoCloseable {
    /** A buffer the module polls: a ring buffer read in place, or libbpf's perf buffer. */
    private record Buffer(RingBufferSource ring, PerfBufferSource perf) {
        int poll(int timeoutMs) {
            return ring != null ? ring.pollOnce(timeoutMs) : perf.pollOnce(timeoutMs);
        }

        void free() {
            if (ring != null) {
                ring.free();
            } else {
                perf.free();
            }
        }
    }

    private final BpfObject parsed;
    private final LoadedObject loaded;
    private final Map<Integer, MapInfo> mapsByFd = new HashMap<>();
    private final Map<Integer, Buffer> buffers = new HashMap<>();
    private final Map<String, Integer> attached = new HashMap<>();

    WasmBpfObject(BpfObject parsed, String objName, LoadedObject loaded) {
        this.parsed = parsed;
        this.loaded = loaded;
        for (MapInfo m : parsed.maps(objName)) {
            int fd = loaded.mapFd(m.name());
            if (fd >= 0) {
                mapsByFd.put(fd, m);
            }
        }
    }

    Optional<MapInfo> map(int fd) {
        return Optional.ofNullable(mapsByFd.get(fd));
    }

    int mapFd(String name) {
        return mapsByFd.entrySet().stream().filter(e -> e.getValue().name().equals(name)).map(Map.Entry::getKey)
            .findFirst().orElse(-2); // -ENOENT, as libbpf says for a map it does not have
    }

    Optional<ProgramInfo> program(String name) {
        return parsed.programs().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Attaches as wasm-bpf does: an {@code xdp} program to the interface {@code target} names, a {@code sockops}
     * program to the cgroup directory it names, anything else (and those two with no target) as libbpf does from
     * the section name. Throws the one-line reason when it cannot.
     */
    void attach(ProgramInfo program, String target) {
        AttachPlan plan = new AutoAttach(program.name(), program.section());
        if (target != null && !target.isEmpty()) {
            if (SectionKind.of(program.section()) == SectionKind.XDP) {
                int ifindex = NativeLibc.if_nametoindex(target);
                if (ifindex == 0) {
                    throw EcliException.failed("no network interface named " + target + " to attach " + program.name()
                        + " to");
                }
                plan = new XdpAttach(program.name(), ifindex, target, 0, 0);
            } else if (program.section().startsWith("sockops")) {
                plan = new CgroupAttach(program.name(), target);
            }
        }
        loaded.add(plan.attach(loaded));
        attached.put(program.name(), loaded.programFd(program.name()));
    }

    /** The programs attached so far, by name, with their fds. */
    Map<String, Integer> attachedPrograms() {
        return Map.copyOf(attached);
    }

    /** Events the reader of map {@code fd} lost so far (0 before it was polled). */
    long lost(int fd) {
        Buffer b = buffers.get(fd);
        return b == null ? 0 : b.ring != null ? b.ring.lost() : b.perf.lost();
    }

    int poll(int fd, MapInfo map, EventPrinter callback, int timeoutMs) {
        Buffer b = buffers.get(fd);
        if (b == null) {
            b = map.type() == MapType.RINGBUF
                ? new Buffer(new RingBufferSource(map.name(), fd, loaded.mapMaxEntries(map.name()), callback, null), null)
                : new Buffer(null, new PerfBufferSource(map.name(), fd, callback, null));
            buffers.put(fd, b);
        }
        return b.poll(timeoutMs);
    }

    @Override
    public void close() {
        buffers.values().forEach(Buffer::free);
        buffers.clear();
        loaded.close();
    }
}
