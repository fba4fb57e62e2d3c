package dev.ebpm.ecli.libbpf;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Receives libbpf's messages. They are formatted with libc's {@code vsnprintf} (libbpf hands over a
 * {@code va_list}), kept so that an error can show the verifier's log and libbpf's warnings, and echoed to
 * stderr in verbose mode (debug messages are kept only then). Installed once per process; the callback stays reachable for good, as libbpf keeps it globally.
 */
public final class LibbpfLog {
    private static final int KEEP_LINES = 4000;
    private static final int LIBBPF_DEBUG = 2;
    private static final LibbpfLog INSTANCE = new LibbpfLog();
    private static boolean installed;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Memory buffer = new Memory(8192);
    private volatile PrintStream echo;
    private final NativeLibbpf.PrintCallback callback = this::print;

    private LibbpfLog() {
    }

    /** Routes libbpf's messages here; {@code echo} (may be null) also gets every message as it comes. */
    public static synchronized LibbpfLog install(PrintStream echo) {
        INSTANCE.echo = echo;
        if (!installed) {
            NativeLibbpf.libbpf_set_print(INSTANCE.callback);
            installed = true;
        }
        return INSTANCE;
    }

    private int print(int level, Pointer format, Pointer args) {
        if (level == LIBBPF_DEBUG && echo == null) {
            // Errors are explained from warnings and the verifier log (a warning too); formatting the ~160 debug
            // lines of a load would only cost start-up.
            return 0;
        }
        synchronized (buffer) {
            return format(format, args);
        }
    }

    private int format(Pointer format, Pointer args) {
        try {
            int n = NativeLibc.vsnprintf(buffer, buffer.size(), format, args);
            if (n < 0) {
                return 0;
            }
            String text = buffer.getString(0, StandardCharsets.UTF_8.name());
            synchronized (lines) {
                for (String line : text.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        lines.addLast(line);
                    }
                }
                while (lines.size() > KEEP_LINES) {
                    lines.removeFirst();
                }
            }
            PrintStream e = echo;
            if (e != null) {
                e.print(text.startsWith("libbpf:") ? text : "libbpf: " + text);
                e.flush();
            }
        } catch (RuntimeException ignored) {
            // An exception must not unwind into libbpf's C frames.
        }
        return 0;
    }

    /** Forgets the messages so far, so the next failure shows only its own. */
    public void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /**
     * The last {@code max} lines of the verifier log libbpf printed for a rejected program
     * (between {@code -- BEGIN PROG LOAD LOG --} and {@code -- END PROG LOAD LOG --}).
     */
    public List<String> verifierLog(int max) {
        List<String> all = lines();
        int end = -1;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).contains("-- END PROG LOAD LOG --")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return List.of();
        }
        int begin = end;
        while (begin > 0 && !all.get(begin - 1).contains("-- BEGIN PROG LOAD LOG --")) {
            begin--;
        }
        List<String> log = all.subList(begin, end);
        return log.subList(Math.max(0, log.size() - max), log.size());
    }

    /** libbpf's own explanation of the last failure: its warning lines, without the verifier log. */
    public List<String> warnings(int max) {
        List<String> out = new ArrayList<>();
        boolean inLog = false;
        for (String line : lines()) {
            if (line.contains("-- BEGIN PROG LOAD LOG --")) {
                inLog = true;
            } else if (line.contains("-- END PROG LOAD LOG --")) {
                inLog = false;
            } else if (!inLog && line.startsWith("libbpf:")) {
                out.add(line);
            }
        }
        return out.subList(Math.max(0, out.size() - max), out.size());
    }
}
