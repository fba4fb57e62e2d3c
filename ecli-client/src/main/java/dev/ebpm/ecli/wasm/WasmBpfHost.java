package dev.ebpm.ecli.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.metrics.RunMetrics;
import dev.ebpm.ecli.output.EventPrinter;
import dev.ebpm.ecli.libbpf.Errno;
import dev.ebpm.ecli.libbpf.LibbpfLog;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.loader.LoadedObject;
import dev.ebpm.ecli.loader.OpenObject;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.ObjectFormatException;
import dev.ebpm.format.object.ProgramInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wasm_bpf} host module, as eunomia-bpf's wasm-bpf runtimes define it (docs/wasm-bpf.md): load a
 * BPF object from the module's memory, attach its programs, poll its ring or perf buffers with a callback
 * into the module, find and operate on its maps, close it. Handles are small numbers of this run's own;
 * only objects the module loaded, and their maps, can be reached. {@link #close} detaches and closes
 * whatever the module left, however the run ends; calls and close exclude each other, so an object is never
 * closed under a poll that a slow-to-stop module is still in (a poll waits 100 ms at most).
 */
final class WasmBpfHost implements AutoCloseable {
    static final String MODULE = "wasm_bpf";
    private static final int BPF_MAP_LOOKUP_ELEM = 1;
    private static final int BPF_MAP_UPDATE_ELEM = 2;
    private static final int BPF_MAP_DELETE_ELEM = 3;
    private static final int BPF_MAP_GET_NEXT_KEY = 4;
    private static final int POLL_SLICE_MS = 100;

    private final PrintStream err;
    private final boolean verbose;
    private LibbpfLog log;
    private final Map<Long, WasmBpfObject> objects = new LinkedHashMap<>();
    private long nextHandle = 1;
    private GuestCallback callback;
    /** What the readers deliver to: the callback, counted on the way when metrics are served. */
    private EventPrinter delivery;
    private final RunMetrics metrics;
    private final Map<String, Long> lost = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code metrics}: null unless {@code --metrics} was given. */
    WasmBpfHost(PrintStream err, boolean verbose, RunMetrics metrics) {
        this.err = err;
        this.verbose = verbose;
        this.metrics = metrics;
        if (metrics != null) {
            metrics.lost(() -> Map.copyOf(lost));
        }
    }

    private static HostFunction function(String name, List<ValType> params, ValType result,
                                         com.dylibso.chicory.runtime.WasmFunctionHandle handle) {
        return new HostFunction(MODULE, name, FunctionType.of(params, List.of(result)), handle);
    }

    List<HostFunction> functions() {
        ValType i32 = ValType.I32;
        ValType i64 = ValType.I64;
        return List.of(
            function("wasm_load_bpf_object", List.of(i32, i32), i64,
                (inst, a) -> new long[] {load(inst, a[0], (int) a[1])}),
            function("wasm_attach_bpf_program", List.of(i64, i32, i32), i32,
                (inst, a) -> new long[] {attach(inst, a[0], a[1], a[2])}),
            function("wasm_bpf_buffer_poll", List.of(i64, i32, i32, i32, i32, i32, i32), i32,
                (inst, a) -> new long[] {poll(inst, a)}),
            function("wasm_bpf_map_fd_by_name", List.of(i64, i32), i32,
                (inst, a) -> new long[] {mapFd(inst, a[0], a[1])}),
            function("wasm_bpf_map_operate", List.of(i32, i32, i32, i32, i32, i64), i32,
                (inst, a) -> new long[] {operate(inst, a)}),
            function("wasm_close_bpf_object", List.of(i64), i32, (inst, a) -> new long[] {closeObject(a[0])}));
    }

    private WasmBpfObject object(String fn, long handle) {
        WasmBpfObject o = objects.get(handle);
        if (o == null) {
            throw new AbiException(fn, "handle " + Long.toUnsignedString(handle) + " is not a BPF object this module "
                + "loaded (or it was closed)");
        }
        return o;
    }

    /** 0 when the object cannot be loaded, as in wasm-bpf; the reason (the verifier's, say) goes to stderr. */
    private synchronized long load(Instance inst, long address, int size) {
        String fn = "wasm_load_bpf_object";
        if (size <= 0) {
            throw new AbiException(fn, "obj_buf_sz " + size + " is not a size");
        }
        byte[] elf = new GuestMemory(inst.memory(), fn).read(address, size, "obj_buf");
        BpfObject parsed;
        try {
            parsed = BpfObject.parse(elf);
        } catch (ObjectFormatException e) {
            err.println("ecli: " + fn + ": not a BPF object: " + e.getMessage());
            return 0;
        }
        String name = "wasm" + nextHandle;
        if (log == null) {
            // Only a module that loads an object binds libbpf: a plain WASI program runs without it.
            log = LibbpfLog.install(verbose ? err : null);
        }
        OpenObject open = null;
        try {
            open = OpenObject.open(elf, name, null, log);
            LoadedObject loaded = open.load(Map.of());
            long handle = nextHandle++;
            objects.put(handle, new WasmBpfObject(parsed, name, loaded));
            return handle;
        } catch (EcliException e) {
            err.println("ecli: " + fn + ": " + e.getMessage());
            return 0;
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }

    private synchronized int attach(Instance inst, long handle, long namePtr, long targetPtr) {
        String fn = "wasm_attach_bpf_program";
        WasmBpfObject o = object(fn, handle);
        GuestMemory memory = new GuestMemory(inst.memory(), fn);
        String name = memory.cString(namePtr, "name");
        String target = memory.cString(targetPtr, "attach_target");
        if (name == null) {
            throw new AbiException(fn, "name is a null pointer");
        }
        ProgramInfo program = o.program(name).orElse(null);
        if (program == null) {
            err.println("ecli: " + fn + ": the object has no program " + name);
            return -Errno.ENOENT;
        }
        try {
            o.attach(program, target);
            if (metrics != null) {
                metrics.programs(o.attachedPrograms());
            }
            return 0;
        } catch (EcliException e) {
            err.println("ecli: " + fn + ": " + e.getMessage());
            return -Errno.EINVAL;
        }
    }

    private synchronized int poll(Instance inst, long[] a) {
        String fn = "wasm_bpf_buffer_poll";
        WasmBpfObject o = object(fn, a[0]);
        int fd = (int) a[1];
        MapInfo map = o.map(fd).orElseThrow(() -> new AbiException(fn, "fd " + fd + " is not a map of this object"));
        if (!map.type().isEventStream()) {
            throw new AbiException(fn, "map " + map.name() + " is a " + map.type() + " map, not a ring or perf buffer");
        }
        if (callback == null) {
            callback = new GuestCallback(inst);
            delivery = metrics == null ? callback : metrics.events(callback);
        }
        callback.target(fn, a[2], a[3], a[4], (int) a[5]);
        // At most one slice of waiting per call, so that a stop (which interrupts the module between
        // instructions) is never held up by a long or infinite timeout; modules poll in a loop anyway.
        int timeout = (int) a[6];
        int rc = o.poll(fd, map, delivery, timeout < 0 || timeout > POLL_SLICE_MS ? POLL_SLICE_MS : timeout);
        if (metrics != null) {
            lost.put(map.name(), o.lost(fd));
        }
        return rc < 0 ? rc : 0;
    }

    private synchronized int mapFd(Instance inst, long handle, long namePtr) {
        String fn = "wasm_bpf_map_fd_by_name";
        WasmBpfObject o = object(fn, handle);
        String name = new GuestMemory(inst.memory(), fn).cString(namePtr, "name");
        if (name == null) {
            throw new AbiException(fn, "name is a null pointer");
        }
        return o.mapFd(name);
    }

    private synchronized int operate(Instance inst, long[] a) {
        String fn = "wasm_bpf_map_operate";
        int fd = (int) a[0];
        int cmd = (int) a[1];
        MapInfo map = objects.values().stream().map(o -> o.map(fd)).flatMap(java.util.Optional::stream).findFirst()
            .orElseThrow(() -> new AbiException(fn, "fd " + fd + " is not a map of a BPF object this module loaded"));
        GuestMemory memory = new GuestMemory(inst.memory(), fn);
        int keySize = (int) map.keySize();
        // Per-CPU values come as one 8-byte-aligned slot per possible CPU, as the syscall hands them over.
        int valueSize = map.type().isPerCpu() ? (int) ((map.valueSize() + 7) & ~7L) * possibleCpus() : (int) map.valueSize();
        long flags = a[5];
        try (Memory key = buffer(keySize); Memory value = buffer(valueSize); Memory next = buffer(keySize)) {
            switch (cmd) {
                case BPF_MAP_LOOKUP_ELEM -> {
                    key.write(0, memory.read(a[2], keySize, "key"), 0, keySize);
                    memory.check(a[3], valueSize, "value");
                    int rc = NativeLibbpf.bpf_map_lookup_elem_flags(fd, key, value, flags);
                    if (rc == 0) {
                        memory.write(a[3], value.getByteArray(0, valueSize), valueSize, "value");
                    }
                    return rc;
                }
                case BPF_MAP_UPDATE_ELEM -> {
                    key.write(0, memory.read(a[2], keySize, "key"), 0, keySize);
                    value.write(0, memory.read(a[3], valueSize, "value"), 0, valueSize);
                    return NativeLibbpf.bpf_map_update_elem(fd, key, value, flags);
                }
                case BPF_MAP_DELETE_ELEM -> {
                    key.write(0, memory.read(a[2], keySize, "key"), 0, keySize);
                    return flags != 0 ? -Errno.EINVAL : NativeLibbpf.bpf_map_delete_elem(fd, key);
                }
                case BPF_MAP_GET_NEXT_KEY -> {
                    // A null key asks for the first key, as with the syscall.
                    boolean first = (a[2] & 0xffffffffL) == 0;
                    if (!first) {
                        key.write(0, memory.read(a[2], keySize, "key"), 0, keySize);
                    }
                    memory.check(a[4], keySize, "next_key");
                    int rc = NativeLibbpf.bpf_map_get_next_key(fd, first ? null : key, next);
                    if (rc == 0) {
                        memory.write(a[4], next.getByteArray(0, keySize), keySize, "next_key");
                    }
                    return rc;
                }
                default -> throw new AbiException(fn, "cmd " + cmd + " is not lookup (1), update (2), delete (3) or "
                    + "get_next_key (4)");
            }
        }
    }

    private static Memory buffer(int size) {
        return new Memory(Math.max(1, size));
    }

    private static int possibleCpus() {
        int n = NativeLibbpf.libbpf_num_possible_cpus();
        return n > 0 ? n : 1;
    }

    /** 0, as wasm-bpf returns; closing a handle twice is the module's error. */
    private synchronized int closeObject(long handle) {
        WasmBpfObject o = object("wasm_close_bpf_object", handle);
        objects.remove(handle);
        if (metrics != null) {
            metrics.forgetPrograms(o.attachedPrograms().keySet());
        }
        o.close();
        return 0;
    }

    @Override
    public synchronized void close() {
        List<WasmBpfObject> left = new ArrayList<>(objects.values());
        objects.clear();
        for (int i = left.size() - 1; i >= 0; i--) {
            left.get(i).close();
        }
    }
}
