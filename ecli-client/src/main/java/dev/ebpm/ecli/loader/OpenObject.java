package dev.ebpm.ecli.loader;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.BpfException;
import dev.ebpm.ecli.libbpf.LibBpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.libbpf.LibbpfLog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A BPF object opened by libbpf but not loaded: its data sections can still be written and its
 * programs' targets changed. {@link #load()} hands the object over to a {@link LoadedObject}.
 */
public final class OpenObject implements AutoCloseable {
    /** {@code sizeof(struct bpf_object_open_opts)} in libbpf 1.1. */
    static final int OPEN_OPTS_SIZE = 80;
    private static final int OPTS_OBJECT_NAME = 8;
    private static final int OPTS_BTF_CUSTOM_PATH = 48;

    private final Pointer object;
    private final String name;
    private final Memory elf;
    private final LibbpfLog log;
    private boolean handedOver;

    private OpenObject(Pointer object, String name, Memory elf, LibbpfLog log) {
        this.object = object;
        this.name = name;
        this.elf = elf;
        this.log = log;
    }

    /** Opens the ELF from memory under {@code objName}, which names libbpf's internal maps; {@code btfPath} may be null. */
    public static OpenObject open(byte[] elfBytes, String objName, String btfPath, LibbpfLog log) {
        Memory elf = Libbpf.copyOf(elfBytes);
        Memory opts = Libbpf.opts(OPEN_OPTS_SIZE);
        Memory nameStr = string(objName);
        opts.setPointer(OPTS_OBJECT_NAME, nameStr);
        Memory btf = btfPath == null ? null : string(btfPath);
        if (btf != null) {
            opts.setPointer(OPTS_BTF_CUSTOM_PATH, btf);
        }
        log.clear();
        try {
            Pointer obj = Libbpf.checkPointer(LibBpf.bpf_object__open_mem(elf, elfBytes.length, opts),
                "libbpf cannot open the object of " + objName);
            return new OpenObject(obj, objName, elf, log);
        } catch (BpfException e) {
            throw EcliException.failed(withLibbpfWarnings(e.getMessage(), log));
        }
    }

    private static Memory string(String s) {
        byte[] b = (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Libbpf.copyOf(b);
    }

    public String name() {
        return name;
    }

    Pointer pointer() {
        return object;
    }

    public Pointer program(String programName) {
        Pointer p = LibBpf.bpf_object__find_program_by_name(object, programName);
        if (p == null) {
            throw EcliException.failed("program '" + programName + "' (listed in the package's progs) is not in "
                + "the object");
        }
        return p;
    }

    public Pointer map(String mapName) {
        Pointer m = LibBpf.bpf_object__find_map_by_name(object, mapName);
        if (m == null) {
            throw EcliException.failed("map '" + mapName + "' (listed in the package's maps) is not in the object");
        }
        return m;
    }

    /** The initial contents of an internal map (a data section), writable until load. */
    public ByteBuffer initialValue(String mapName) {
        Pointer map = map(mapName);
        Memory size = new Memory(8);
        Pointer data = LibBpf.bpf_map__initial_value(map, size);
        if (data == null) {
            throw EcliException.failed("map '" + mapName + "' has no initial value to set (not a data section)");
        }
        return data.getByteBuffer(0, size.getLong(0)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Points a fentry/fexit/lsm/tp_btf program at another kernel function or tracepoint. */
    public void setAttachTarget(String programName, String target) {
        Libbpf.check(LibBpf.bpf_program__set_attach_target(program(programName), 0, target),
            "cannot retarget program '" + programName + "' to " + target);
    }

    /** Loads the programs into the kernel; a verifier rejection shows the end of the verifier's log. */
    public LoadedObject load() {
        log.clear();
        int rc = LibBpf.bpf_object__load(object);
        if (rc < 0) {
            String message = "the kernel refused to load " + name + ": " + Libbpf.describe(-rc) + " (errno " + -rc + ")";
            List<String> verifier = log.verifierLog(20);
            if (!verifier.isEmpty()) {
                throw EcliException.failed(message + "; the verifier said (last lines):\n  "
                    + String.join("\n  ", verifier));
            }
            throw EcliException.failed(withLibbpfWarnings(message, log));
        }
        handedOver = true;
        return new LoadedObject(object, name, elf, log);
    }

    static String withLibbpfWarnings(String message, LibbpfLog log) {
        List<String> warnings = log.warnings(3);
        return warnings.isEmpty() ? message : message + " (" + String.join("; ", warnings) + ")";
    }

    @Override
    public void close() {
        if (!handedOver) {
            handedOver = true;
            LibBpf.bpf_object__close(object);
        }
    }
}
