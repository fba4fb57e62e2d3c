package dev.ebpm.ecli.loader;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.BpfException;
import dev.ebpm.ecli.libbpf.Errno;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.libbpf.LibbpfLog;
import dev.ebpm.format.object.SectionKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BPF object opened by libbpf but not loaded: its data sections can still be written and its
 * programs' targets changed. {@link #load()} hands the object over to a {@link LoadedObject}.
 */
public final class OpenObject implements AutoCloseable {
    /** {@code sizeof(struct bpf_object_open_opts)} in libbpf 1.1; later versions accept the smaller size. */
    static final int OPEN_OPTS_SIZE = 80;
    private static final int OPTS_OBJECT_NAME = 8;
    private static final int OPTS_BTF_CUSTOM_PATH = 48;

    private static final Pattern FAILED_PROGRAM = Pattern.compile("prog '([^']+)': (?:BPF program load failed|"
        + "failed to find kernel BTF type ID)");
    private static final Pattern FAILED_MAP = Pattern.compile("map '([^']+)': failed to create");
    private static final Pattern MISSING_FUNCTION = Pattern.compile("failed to find kernel BTF type ID of '([^']+)'");

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
            Pointer obj = Libbpf.checkPointer(NativeLibbpf.bpf_object__open_mem(elf, elfBytes.length, opts),
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

    public Pointer program(String programName) {
        return ObjectLookup.program(object, programName);
    }

    public Pointer map(String mapName) {
        return ObjectLookup.map(object, mapName);
    }

    /** The initial contents of an internal map (a data section), writable until load. */
    public ByteBuffer initialValue(String mapName) {
        Pointer map = map(mapName);
        Memory size = new Memory(8);
        Pointer data = NativeLibbpf.bpf_map__initial_value(map, size);
        if (data == null) {
            throw EcliException.failed("map '" + mapName + "' has no initial value to set (not a data section)");
        }
        return data.getByteBuffer(0, size.getLong(0)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Leaves a program out of the load, as {@code bpf_program__set_autoload(prog, false)} in a tool would. */
    public void disable(String programName) {
        int rc = NativeLibbpf.bpf_program__set_autoload(program(programName), false);
        if (rc < 0) {
            throw EcliException.failed("cannot disable program '" + programName + "': " + Libbpf.describe(-rc)
                + " (errno " + -rc + ")");
        }
    }

    /** Sizes a map before it is created, as {@code bpf_map__set_max_entries} in a tool would. */
    public void setMaxEntries(String mapName, long maxEntries) {
        int rc = NativeLibbpf.bpf_map__set_max_entries(map(mapName), (int) maxEntries);
        if (rc < 0) {
            throw EcliException.failed("cannot set max_entries of map '" + mapName + "' to " + maxEntries + ": "
                + Libbpf.describe(-rc) + " (errno " + -rc + ")");
        }
    }

    /** Points a fentry/fexit/lsm/tp_btf program at another kernel function or tracepoint. */
    public void setAttachTarget(String programName, String target, SectionKind kind) {
        log.clear();
        int rc = NativeLibbpf.bpf_program__set_attach_target(program(programName), 0, target);
        if (rc < 0) {
            String what = kind == SectionKind.TP_BTF ? "tracepoint " : "kernel function ";
            if (-rc == Errno.ESRCH || -rc == Errno.ENOENT) {
                throw EcliException.failed(what + target + " does not exist on this kernel (program '" + programName
                    + "')");
            }
            throw EcliException.failed("cannot point program '" + programName + "' at " + what + target + ": "
                + Libbpf.describe(-rc) + " (errno " + -rc + ")");
        }
    }

    /**
     * Loads the programs into the kernel. A verifier rejection shows the end of the verifier's log; any
     * other refusal names the program (libbpf says which) and, for EPERM as root, what the kernel forbids.
     *
     * @param attachByProgram each program's attach point, for messages
     */
    public LoadedObject load(Map<String, String> attachByProgram) {
        log.clear();
        int rc = NativeLibbpf.bpf_object__load(object);
        if (rc < 0) {
            throw EcliException.failed(loadFailure(-rc, attachByProgram));
        }
        handedOver = true;
        return new LoadedObject(object, elf, log);
    }

    private String loadFailure(int errno, Map<String, String> attachByProgram) {
        String map = firstMatch(FAILED_MAP);
        if (map != null) {
            return "the kernel refused to create map '" + map + "': " + Libbpf.describe(errno) + " (errno " + errno
                + ")" + mapHint(map, errno);
        }
        String program = firstMatch(FAILED_PROGRAM);
        String attach = program == null ? null : attachByProgram.get(program);
        String subject = program == null ? name : "program '" + program + "'" + (attach == null ? "" : " (" + attach + ")");
        String message = "the kernel refused to load " + subject + ": " + Libbpf.describe(errno) + " (errno " + errno + ")";
        List<String> verifier = log.verifierLog(20);
        if (!verifier.isEmpty()) {
            return message + "; the verifier said (last lines):\n  " + String.join("\n  ", verifier);
        }
        String missing = firstMatch(MISSING_FUNCTION);
        if (missing != null && program != null) {
            return "kernel function " + missing + " does not exist on this kernel (program '" + program + "')";
        }
        SectionKind kind = attach == null ? SectionKind.OTHER : SectionKind.of(attach);
        if (errno == Errno.EPERM && (kind == SectionKind.TRACING || kind == SectionKind.LSM)) {
            return message + "; this kernel does not let fentry, fexit and lsm programs attach (they need BPF "
                + "trampolines), even as root";
        }
        return withLibbpfWarnings(message, log);
    }

    /** Group 1 of the first libbpf message matching {@code p}: the program, map or function it names. */
    private String firstMatch(Pattern p) {
        for (String line : log.lines()) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The size asked for, which is what usually makes the kernel refuse a map (EINVAL, E2BIG, ENOMEM). */
    private String mapHint(String mapName, int errno) {
        int max = NativeLibbpf.bpf_map__max_entries(map(mapName));
        return errno == Errno.EPERM ? "" : "; its max_entries is " + Integer.toUnsignedString(max);
    }

    static String withLibbpfWarnings(String message, LibbpfLog log) {
        // libbpf's memlock hint is wrong on kernels that account BPF memory to cgroups (5.11 and later).
        List<String> warnings = log.warnings(4).stream().filter(w -> !w.contains("ulimit -l")).toList();
        return warnings.isEmpty() ? message : message + " (" + String.join("; ", warnings) + ")";
    }

    @Override
    public void close() {
        if (!handedOver) {
            handedOver = true;
            NativeLibbpf.bpf_object__close(object);
        }
    }
}
