package dev.ebpm.ecli.options;

import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.UsageException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run a WebAssembly module: the cap on its linear memory, the host directories it may see (none
 * unless given) and whether its code is compiled to JVM bytecode or interpreted. {@link #TABLE} declares
 * the options; they apply to wasm modules only.
 *
 * @param maxMemoryBytes the most linear memory the module may have, a multiple of the 64 KiB page
 * @param dirs guest path to host directory
 * @param compiled compile the module (Chicory's compiler) rather than interpret it
 */
public record WasmOptions(long maxMemoryBytes, Map<String, Path> dirs, boolean compiled) {
    /** Inspektor Gadget's wasm operator allows 256 pages too. */
    public static final long DEFAULT_MAX_MEMORY = 16L << 20;
    public static final long PAGE = 64L << 10;
    public static final String MAX_MEMORY = "--wasm-max-memory";
    public static final String DIR = "--dir";
    public static final String ENGINE = "--wasm-engine";

    public WasmOptions {
        dirs = Map.copyOf(dirs);
    }

    public int maxPages() {
        return (int) (maxMemoryBytes / PAGE);
    }

    public static final OptionTable<Builder> TABLE = OptionTable.of(
        Option.value(MAX_MEMORY, "SIZE", "Cap a wasm module's memory at SIZE bytes (K, M or G suffixes; "
            + "default: 16M).", (b, v) -> b.maxMemory = size(v)),
        Option.value(DIR, "HOST[:GUEST]", "Let a wasm module see host directory HOST as GUEST (default: the same "
            + "path; repeatable). Without it a module sees no files.", Builder::dir),
        Option.value(ENGINE, "compiler|interpreter", "Run a wasm module compiled to JVM bytecode (default: about "
            + "0.15 s more to start, its code runs 10 to 20 times faster) or interpreted.", Builder::engine));

    static long size(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UsageException("--wasm-max-memory " + text + ": expected a size such as 16M or 1048576");
        }
        if (n <= 0 || n > (4L << 30) / unit || n * unit < PAGE) {
            throw new UsageException("--wasm-max-memory " + text + ": expected a size from 64K to 4G");
        }
        return n * unit / PAGE * PAGE;
    }

    /** What the wasm options on a command line set. */
    public static final class Builder {
        private long maxMemory = DEFAULT_MAX_MEMORY;
        private final Map<String, Path> dirs = new LinkedHashMap<>();
        private boolean compiled = true;

        private void engine(String value) {
            compiled = switch (value) {
                case "compiler" -> true;
                case "interpreter" -> false;
                default -> throw new UsageException(ENGINE + " " + value + ": expected compiler or interpreter");
            };
        }

        private void dir(String value) {
            int colon = value.indexOf(':');
            String host = colon < 0 ? value : value.substring(0, colon);
            String guest = colon < 0 ? value : value.substring(colon + 1);
            if (host.isEmpty() || guest.isEmpty() || !Files.isDirectory(Path.of(host))) {
                throw new UsageException("--dir " + value + ": expected HOST[:GUEST] with HOST an existing directory");
            }
            dirs.put(guest, Path.of(host));
        }

        public WasmOptions build() {
            return new WasmOptions(maxMemory, dirs, compiled);
        }
    }
}
