package dev.ebpm.ecli.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The running kernel's release ({@code uname -r}) and the distribution's os-release, for picking packed BTF. */
public final class KernelRelease {
    private KernelRelease() {
    }

    public static String here() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    /** {@code /etc/os-release} (else {@code /usr/lib/os-release}) as keys and unquoted values; empty if neither. */
    public static Map<String, String> osRelease() {
        Map<String, String> out = new HashMap<>();
        for (String f : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                for (String line : Files.readAllLines(Path.of(f))) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        String v = line.substring(eq + 1).trim();
                        boolean quoted = v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"")
                            || v.startsWith("'") && v.endsWith("'"));
                        if (quoted) {
                            v = v.substring(1, v.length() - 1);
                        }
                        out.put(line.substring(0, eq).trim(), v);
                    }
                }
                return out;
            } catch (IOException e) {
                // Try the next one.
            }
        }
        return out;
    }
}
